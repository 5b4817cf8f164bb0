"""The files the course ships (data and weights), installed with ganlib as ``ganlib.asset_files``.

Read them only through :func:`ganlib.assets.read_asset`, which checks each file's SHA-256.
"""
