"""zndraw-joblib: a job/task queue for interactive scientific apps."""
