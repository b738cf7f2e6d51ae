FROM python:3.13-slim
# The trigger's CMD is the child image's, not a second CMD of this stage.
ONBUILD CMD ["python", "child.py"]
# ok: multiple-cmd
CMD ["python", "app.py"]
