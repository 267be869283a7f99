"""Write-back: every text of the content given the URL of its clip, and nothing else changed."""
