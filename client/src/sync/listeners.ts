// A set of change listeners: the engine and the model publish to them, the UI subscribes.
export class Listeners {
  private readonly set = new Set<() => void>();

  add(listener: () => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  notify(): void {
    for (const listener of [...this.set]) {
      try {
        listener();
      } catch (e) {
        // One broken subscriber must not stop the others (or the engine) from hearing about changes.
        console.error(e);
      }
    }
  }
}
