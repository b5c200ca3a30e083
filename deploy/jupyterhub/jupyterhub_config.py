# JupyterHub configuration for the course: the hub signs trainees in, starts one course server per
# trainee (Voila inside jupyterhub-singleuser, locked down by workbook.hub.TraineeAuthorizer), and every
# server keeps answers in one shared PostgreSQL database.
#
#   WORKBOOK_DATABASE_URL=postgresql://workbook:SECRET@db.example/workbook \
#   WORKBOOK_DATA_DIR=/srv/workbook jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
#
# Set the authenticator your institution uses (OAuthenticator, LDAP, ...) below or in a config file
# that loads this one; tests/hub/ runs this file with a test authenticator and a local spawner.
import os

from workbook.hub import single_user_settings

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

settings = single_user_settings(
    database_url=os.environ["WORKBOOK_DATABASE_URL"],
    # Holds the keys that sign certificates and make export pseudonyms: every course server must see
    # the same two files (on Kubernetes, mount one Secret here).
    data_dir=os.environ.get("WORKBOOK_DATA_DIR", "/srv/workbook"),
)
c.Spawner.cmd = settings["cmd"]
c.Spawner.args = settings["args"]
c.Spawner.default_url = settings["default_url"]
c.Spawner.environment = settings["environment"]
c.Spawner.mem_limit = "300M"  # a course page's kernel holds about 110 MiB; two or three pages at once fit

# Trainees see the course, not the hub's own home page.
c.JupyterHub.default_url = "/hub/spawn"
# Idle course servers: each kernel is culled after 10 minutes by the server itself; to stop whole servers
# too, add the hub's jupyterhub-idle-culler service (see the README).
