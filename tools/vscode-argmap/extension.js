// A minimal VS Code extension: start `argmap lsp` for the YAML files of argument maps.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("argmap").get("command", "argmap");
  client = new LanguageClient("argmap", "argmap", { command, args: ["lsp"] }, {
    documentSelector: [{ scheme: "file", language: "yaml", pattern: "**/arguments/**/*.{yaml,yml}" }],
  });
  context.subscriptions.push(client);
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
