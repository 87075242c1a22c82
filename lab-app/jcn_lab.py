"""Serves the JupyterLab front end built from this folder (see ../lab) with the Jupyter server the machine has.

Used where JupyterLab itself is not installed, e.g. Debian 12, which packages jupyter_server 1.23 and
jupyterlab_server 2.16 but not JupyterLab. Run it with the Python that has those two, as

    JCN_LAB_BUILD=BUILD_DIR python3 jcn_lab.py [Jupyter server options: --port, --ip, --notebook-dir, ...]

BUILD_DIR is the folder webpack wrote (bundle.js, schemas/, themes/). Besides the pages, settings, themes and
translations jupyterlab_server serves, it answers the two requests JupyterLab 4 makes of a Jupyter server 2 that
server 1.23 lacks: who the user is (GET /api/me) and the event stream (a websocket on /api/events/subscribe, on
which nothing is ever sent: this server emits no events a page listens to).
"""
import getpass
import json
import os
import sys

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from jupyterlab_server import LabServerApp
from tornado import web
from tornado.websocket import WebSocketHandler

HERE = os.path.dirname(os.path.abspath(__file__))


def build_dir():
    """The front end's build folder, from JCN_LAB_BUILD; exits naming the problem when it is not a build."""
    folder = os.environ.get("JCN_LAB_BUILD", "")
    if not folder or not os.path.isfile(os.path.join(folder, "bundle.js")):
        sys.exit(f"jcn_lab: JCN_LAB_BUILD={folder!r} is not a built front end (no bundle.js there); run ../lab")
    return folder


class IdentityHandler(APIHandler):
    """GET /api/me: the user the page shows (initials, colour), with no special permissions."""

    @web.authenticated
    def get(self):
        name = getpass.getuser()
        self.finish(json.dumps({
            "identity": {"username": name, "name": name, "display_name": name, "initials": name[:1].upper(),
                         "avatar_url": None, "color": None},
            "permissions": {},
        }))


class EventsSocket(WebSocketMixin, WebSocketHandler, JupyterHandler):
    """The websocket of /api/events/subscribe: opened for a signed-in user, then silent until the page closes it."""

    def set_default_headers(self):
        pass  # JupyterHandler's headers are for pages, not for a websocket's handshake

    async def get(self, *args, **kwargs):
        if self.get_current_user() is None:
            raise web.HTTPError(403)
        await super().get(*args, **kwargs)

    def on_message(self, message):
        pass  # the page sends nothing on this socket


class JcnLabApp(LabServerApp):
    """JupyterLab's pages, settings and themes from the build folder, served on /lab."""

    name = "jcn_lab"
    app_name = "JupyterLab"
    extension_url = "/lab"
    default_url = "/lab"
    # Other server extensions the machine enables (in /etc/jupyter, say) stay off: this app serves the lessons only.
    load_other_extensions = False
    app_version = json.load(open(os.path.join(HERE, "package.json")))["version"]
    templates_dir = os.path.join(HERE, "templates")

    def initialize_templates(self):
        # The first step that reads the folders (jupyter_server prepares templates, then settings, then handlers).
        build = build_dir()
        self.static_dir = build
        self.schemas_dir = os.path.join(build, "schemas")
        self.themes_dir = os.path.join(build, "themes")
        self.app_settings_dir = os.path.join(build, "application_settings")
        # The learner's settings and workspaces live with the server's other state, not in the shared build.
        state = os.path.join(os.path.dirname(self.serverapp.runtime_dir), "jcn-lab")
        self.user_settings_dir = os.path.join(state, "user-settings")
        self.workspaces_dir = os.path.join(state, "workspaces")
        super().initialize_templates()

    def initialize_settings(self):
        super().initialize_settings()
        self.serverapp.web_app.settings["terminals_available"] = False

    def initialize_handlers(self):
        self.handlers.append(("/api/me", IdentityHandler))
        self.handlers.append(("/api/events/subscribe", EventsSocket))
        super().initialize_handlers()


def _jupyter_server_extension_points():
    return [{"module": "jcn_lab", "app": JcnLabApp}]


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    JcnLabApp.launch_instance()
