"""WSGI entry point for any WSGI server.

``duban serve`` runs gunicorn on this same application (``--reload``: Django's development
server); a hand-written deployment can point gunicorn at it directly with
``gunicorn config.wsgi:application`` (docs/deploy.md).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
