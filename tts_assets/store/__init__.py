"""The store: where clips live, and how every file is written without losing anything.

manifest     the clip layout, staging and the manifest (`Store`)
clip_files   the stored files checked against the manifest
urls         the URLs tts-assets writes, told from a person's
files        atomic writes and the check-then-swap replacement of files
lock         one writer at a time
"""
