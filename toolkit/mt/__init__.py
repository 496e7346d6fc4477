"""Machine translation: Argos packages (packages.py, index.py) and the CTranslate2 engine."""
