"""Package discovery for setuptools; everything else is in pyproject.toml.

It exists for one mapping pyproject.toml cannot express next to automatic discovery: the checkout's
``resources/`` folder (sample draft, report templates, icons) goes into the wheel as the package
data folder ``panelreview/_resources``, where :mod:`panelreview.resources` finds it once installed.
A checkout (or an editable install) reads ``resources/`` directly, so there is one copy in git.
"""

from setuptools import find_namespace_packages, setup

RESOURCES = "panelreview._resources"

setup(
    packages=[
        *find_namespace_packages(include=["panelreview", "panelreview.*"], exclude=["*.__pycache__"]),
        RESOURCES,
    ],
    package_dir={RESOURCES: "resources"},
    package_data={RESOURCES: ["**/*"]},
    exclude_package_data={RESOURCES: ["**/__pycache__/*", "**/.*"]},
)
