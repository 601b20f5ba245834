"""The web app: supplier self-check, saved reports, accounts and the JSON API (FastAPI).

Pages are rendered on the server with the report's Jinja environment; uploads are checked in
the isolated worker pool (`crp_checker.worker`), never in the server process.
"""
