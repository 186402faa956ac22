"""Pulumi entry point (`pulumi preview -s dev`): the program lives in components/program.py."""

from components.program import main

main()
