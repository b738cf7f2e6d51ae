# Official images publish Windows variants as tags.
# ok: root-user
FROM python:3.13-windowsservercore-ltsc2025
COPY app.py C:/app/
CMD ["python", "C:\\app\\app.py"]
