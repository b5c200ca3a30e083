"""Suite-wide set-up: every test run, nbval's kernels included, writes answers to a throwaway folder."""

import os
import tempfile

# Set at import, before nbval starts any kernel, so kernels inherit it: no test touches real answers.
os.environ["WORKBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="workbook-test-data-")
os.environ.pop("QUERY_STRING", None)
os.environ.pop("JUPYTERHUB_USER", None)
