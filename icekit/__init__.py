"""icekit: infrastructure as code for the upload path of Alibaba Cloud ICE (CreateUploadMedia)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
