"""East–west pairing (东西部扶贫协作): endpoints, curved links, filters, Sankey data, pair notes.

Plain, typed logic (no Streamlit), one concern a module: :mod:`~geo.pairing.endpoints`
places both ends of each pair on the county polygons, :mod:`~geo.pairing.pairs` chooses
and names pairs, :mod:`~geo.pairing.curves` computes the curved links,
:mod:`~geo.pairing.palette` holds the colours the map and the Sankey share,
:mod:`~geo.pairing.base_map` styles the counties, :mod:`~geo.pairing.links_layer` draws
the links, :mod:`~geo.pairing.sankey` the flows, :mod:`~geo.pairing.notes` describes the
long-running pairs and :mod:`~geo.pairing.view` assembles the map and the table.
"""
