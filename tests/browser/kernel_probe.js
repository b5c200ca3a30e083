// Run in a course page: open a websocket to the page's own kernel, as a curious trainee could from the
// browser's console, and ask it to run code that would create a file. Then ask for kernel_info, which the
// kernel answers in order on the same channel: when that reply arrives, an execute_request that got
// through would already have run. Resolves with the kernel id and the types of message that came back.
async (marker) => {
  const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
  const base = config.baseUrl.endsWith("/") ? config.baseUrl : `${config.baseUrl}/`;
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}${base}api/kernels/${config.kernelId}/channels`);
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  const replies = [];
  const done = new Promise((resolve) => {
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      replies.push(message.header.msg_type);
      if (message.header.msg_type === "kernel_info_reply") resolve();
    };
  });
  const send = (type, content) => socket.send(JSON.stringify({
    header: {msg_id: `${type}-${Math.random()}`, username: "trainee", session: "probe", msg_type: type,
             version: "5.3", date: new Date().toISOString()},
    parent_header: {}, metadata: {}, content, channel: "shell", buffers: []}));
  send("execute_request", {code: `open(${JSON.stringify(marker)}, "w").write("ran")`, silent: false,
                           store_history: false, user_expressions: {}, allow_stdin: false});
  send("kernel_info_request", {});
  await done;
  socket.close();
  return {id: config.kernelId, replies};
}
