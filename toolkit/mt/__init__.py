"""Machine translation: Argos packages (package: the value; store: list/install/remove; archive:
zip checks; index: the network; verify) and the CTranslate2 engine (engine -> package only)."""
