"""The agent desk as a tool for calls: start page, phrase index, links for customers.

Everything here is for the internal build (`audience: internal`) only; the public build
never calls it, and `assets.DESK_ASSETS` are dropped from the public site.
"""
