"""tts-assets: generate the audio clips of language-learning content and write their URLs back."""

__version__ = "0.1.0"
