#!/bin/sh
# A tiny "application" for the example image.
echo "hello from the example app"
