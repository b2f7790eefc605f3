"""What the city's data is, declared once: the vocabularies, the datasets' schemas and their validation.

``vocab`` holds the controlled vocabularies (statuses, domains, directions, ...),
``schema`` the columns of each dataset, ``validation`` the check of a table
against its schema, ``reference_layers`` the shape of a public reference layer
and ``extent`` where Ansan is. Everything above builds on these; nothing here
imports from the rest of ``geo`` except its texts (``geo.i18n``).
"""
