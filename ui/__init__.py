"""Streamlit glue: cached loaders, the shared page frame and widgets. Pages → ui → geo."""
