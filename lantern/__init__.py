"""Lantern: Canada's national anti-human-trafficking information system."""
