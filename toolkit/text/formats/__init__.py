"""Document formats read for translation: what is text to translate, what is layout to copy.

Plain text and Markdown are still read by :mod:`toolkit.text.segment` and
:mod:`toolkit.text.markdown`; :mod:`toolkit.text.formats.html` reads HTML.
"""
