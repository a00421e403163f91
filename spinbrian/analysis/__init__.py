"""Fits and spectra used by tests and experiments."""
