"""PanelReview: review a draft Police and Crime Plan, offline."""

__version__ = "0.1.0"
