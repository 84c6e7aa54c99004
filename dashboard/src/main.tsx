/** The dashboard's entry: read where the API is, then render the page into `#app`. */
import { render } from "preact";

import "./styles.css";
import { readConfig } from "./config.js";
import { App } from "./views/App.js";

const root = document.getElementById("app");
if (root !== null) {
  root.replaceChildren();
  render(<App config={readConfig()} />, root);
}
