"""Write-back: every text of the content given the URL of its clip, and nothing else changed.

record   the end of a run: the manifest flushed, then every content file written back
update   one content file at the moment of writing: read again, its URL places decided
timings  its `segments` places (word timings) decided as its URL places are
tracks   the WebVTT tracks beside the clips, and whose a track on disk is
edit     the surgical edit of a JSON text: URL places set, formatting kept byte for byte
"""
