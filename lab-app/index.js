// The entry point of the JupyterLab front end ./lab serves. It loads the extensions package.json lists (the same
// list @jupyterlab/builder copies the assets of), leaves out the few plugins this server has no back end for, and
// starts the application once the page has loaded.
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';

// Chunks and assets are fetched from the server's static URL; this must be set before any CSS is imported.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

// The style of every extension, generated into ./build by @jupyterlab/builder.
const styles = import('./build/style.js');

// Plugins left out: the language-server ones need JupyterLab's LSP extension, which is not part of this build; the
// announcements one asks /lab/api/news and offers to fetch news from the internet, which a lesson server should not.
const leftOut = new Set(['@jupyterlab/apputils-extension:announcements']);
const keep = (module) => ({
  __esModule: true,
  default: (Array.isArray(module.default) ? module.default : [module.default])
    .filter(({ id }) => !leftOut.has(id) && !id.includes(':language-server'))
});

const extensions = [
  import('@jupyterlab/application-extension'),
  import('@jupyterlab/apputils-extension'),
  import('@jupyterlab/celltags-extension'),
  import('@jupyterlab/codemirror-extension'),
  import('@jupyterlab/completer-extension'),
  import('@jupyterlab/console-extension'),
  import('@jupyterlab/csvviewer-extension'),
  import('@jupyterlab/docmanager-extension'),
  import('@jupyterlab/documentsearch-extension'),
  import('@jupyterlab/filebrowser-extension'),
  import('@jupyterlab/fileeditor-extension'),
  import('@jupyterlab/help-extension'),
  import('@jupyterlab/imageviewer-extension'),
  import('@jupyterlab/inspector-extension'),
  import('@jupyterlab/launcher-extension'),
  import('@jupyterlab/mainmenu-extension'),
  import('@jupyterlab/markdownviewer-extension'),
  import('@jupyterlab/markedparser-extension'),
  import('@jupyterlab/mathjax-extension'),
  import('@jupyterlab/metadataform-extension'),
  import('@jupyterlab/notebook-extension'),
  import('@jupyterlab/rendermime-extension'),
  import('@jupyterlab/running-extension'),
  import('@jupyterlab/settingeditor-extension'),
  import('@jupyterlab/shortcuts-extension'),
  import('@jupyterlab/statusbar-extension'),
  import('@jupyterlab/theme-dark-extension'),
  import('@jupyterlab/theme-light-extension'),
  import('@jupyterlab/toc-extension'),
  import('@jupyterlab/tooltip-extension'),
  import('@jupyterlab/translation-extension'),
  import('@jupyterlab/ui-components-extension')
].map((loading) => loading.then(keep));

const mimeExtensions = [import('@jupyterlab/json-extension')];

window.addEventListener('load', async () => {
  await styles;
  const lab = new JupyterLab({ mimeExtensions: await Promise.all(mimeExtensions) });
  lab.registerPluginModules(await Promise.all(extensions));
  await lab.start();
  await lab.restored;
  // Marks the page for scripts that drive it (the browser checks of ./test wait for it).
  document.body.dataset.jcnLabReady = 'true';
});
