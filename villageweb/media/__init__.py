"""A village's files: where they are stored, how much room it has, a full disk, a photo's metadata.

- `storage.py`: the storage backends, local (a folder per village) or S3 (private documents behind
  signed URLs); every upload written under a temporary name and cleaned of metadata.
- `quota.py`: each village's storage quota, checked before anything is stored.
- `disk_full.py`: a full disk answered with a clear Indonesian message, never a 500.
- `image_metadata.py`: EXIF and GPS stripped from every photo at save, orientation applied.

Not tenancy (tenants/ keeps that): a file's place is per village, but what a file may be and how
much of it fits is this app's concern.
"""
