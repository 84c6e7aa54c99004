"""zndraw-joblib-client: the REST client generated from openapi.yaml and the worker SDK."""
