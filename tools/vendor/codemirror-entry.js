// What argmap's workspace page uses of CodeMirror 6, bundled by scripts/vendor-js into one offline file.
export { EditorView, basicSetup } from "codemirror";
export { EditorState } from "@codemirror/state";
export { keymap } from "@codemirror/view";
export { yaml } from "@codemirror/lang-yaml";
export { setDiagnostics, lintGutter } from "@codemirror/lint";
export { autocompletion } from "@codemirror/autocomplete";
