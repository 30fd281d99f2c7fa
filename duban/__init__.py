"""duban (督办): the supervision system built on the :mod:`taskdoc` parser."""
