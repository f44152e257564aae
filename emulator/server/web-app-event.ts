// Builds the event object Apps Script hands doGet/doPost (developers.google.com/apps-script/guides/web#request_parameters).
export interface WebAppEvent {
  queryString: string;
  parameter: Record<string, string>;
  parameters: Record<string, string[]>;
  contextPath: string;
  contentLength: number;
  pathInfo?: string;
  postData?: { length: number; type: string; contents: string; name: 'postData' };
}

export function webAppEvent(url: URL, pathInfo: string, body?: { contents: string; type: string }): WebAppEvent {
  const parameters: Record<string, string[]> = {};
  const add = (params: URLSearchParams) => {
    for (const [k, v] of params) (parameters[k] ??= []).push(v);
  };
  add(url.searchParams);
  // Form posts put their fields into the parameters too; JSON or text bodies do not.
  if (body && body.type === 'application/x-www-form-urlencoded') add(new URLSearchParams(body.contents));
  const parameter: Record<string, string> = {};
  for (const [k, vs] of Object.entries(parameters)) parameter[k] = vs[0];
  const event: WebAppEvent = {
    queryString: url.search.replace(/^\?/, ''),
    parameter,
    parameters,
    contextPath: '',
    contentLength: body ? Buffer.byteLength(body.contents) : -1,
  };
  if (pathInfo) event.pathInfo = pathInfo;
  if (body) event.postData = { length: Buffer.byteLength(body.contents), type: body.type, contents: body.contents, name: 'postData' };
  return event;
}
