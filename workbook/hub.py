"""Running the course on a JupyterHub: the hub signs trainees in and starts one server per trainee.

Each trainee's server is `jupyterhub-singleuser` with Voila as its only page: the hub's OAuth lets
only the trainee reach it, the hub user name is the trainee's identity (no resume codes), and all
servers share one PostgreSQL store. A trainee owns their server, so the authorizer below also keeps
them out of everything a Jupyter server can do besides showing the course: no new kernels, no file
or notebook access, no terminals; and the kernel refuses code sent from the browser (only widget
messages pass), exactly as on the standalone site.

`single_user_settings()` is what a `jupyterhub_config.py` puts on the spawner (see deploy/).
"""

from __future__ import annotations

from pathlib import Path

from jupyterhub.singleuser.extension import JupyterHubAuthorizer

from workbook import config, site

# What a trainee's browser may do on their own server, by jupyter_server resource: just enough for
# Voila to show pages and talk to each page's widgets.
ALLOWED = {
    "kernels": {"read", "execute"},  # the widget channel of the page's own kernel; "write" would start kernels
    "api": {"read"},
    "csp": {"read", "write"},  # browsers report content-security-policy violations here
}
# Kernel messages a browser may send (Voila's own list): widgets and kernel info, never execute_request.
WIDGET_MESSAGES = ["comm_open", "comm_close", "comm_msg", "comm_info_request", "kernel_info_request",
                   "shutdown_request"]


class TraineeAuthorizer(JupyterHubAuthorizer):
    """The hub's own check (this user may use this server), then the course's: only what Voila needs."""

    def is_authorized(self, handler, user, action: str, resource: str) -> bool:  # noqa: ANN001
        allowed = ALLOWED.get(resource, set())
        if action not in allowed:
            self.log.warning("Refused %s on %s for %s", action, resource, getattr(user, "username", "?"))
            return False
        return super().is_authorized(handler, user, action, resource)


def single_user_settings(database_url: str, data_dir: Path | str) -> dict[str, object]:
    """Spawner settings (cmd, args, environment, default URL) for a trainee's course server."""
    return {
        "cmd": ["jupyterhub-singleuser"],
        "args": [
            f"--ServerApp.root_dir={config.notebooks_dir()}",
            "--ServerApp.authorizer_class=workbook.hub.TraineeAuthorizer",
            "--ServerApp.jpserver_extensions={'voila': True, 'jupyterlab': False, 'notebook': False,"
            " 'jupyter_server_terminals': False, 'jupyter_lsp': False}",
            "--ServerApp.terminals_enabled=False",
            f"--MappingKernelManager.allowed_message_types={WIDGET_MESSAGES}",
            *site.voila_settings(site.TRAINEE_TEMPLATE),
        ],
        "default_url": f"/voila/render/{load_landing()}",
        "environment": {
            config.DATABASE_URL_ENV: database_url,
            config.DATA_DIR_ENV: str(data_dir),
            "JUPYTER_PATH": str(config.template_root()),
        },
    }


def load_landing() -> str:
    from workbook.content import load_content

    return load_content().course.landing_notebook
