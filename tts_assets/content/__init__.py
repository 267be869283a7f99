"""The learning-content side: type specs, loading items, text cleanup and URL write-back."""
