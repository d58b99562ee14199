"""Edge facts of PyG 2.6.1's own Planetoid processing, for load_data.test.ts.

Runs torch_geometric.io.planetoid.read_planetoid_data (pure Python, no
torch_scatter) on the raw files and prints, per dataset, the edge count, the
first and last five edges and position-weighted sums of both rows (which pin
the whole order). Usage, with torch installed and PyG 2.6.1's source unpacked:

    PYTHONPATH=/tmp/pyg python3 scripts/pyg_planetoid_edges.py ../../../shared/datasets/planetoid
"""
import json
import sys

import torch
from torch_geometric.io.planetoid import read_planetoid_data

out = {}
for name in ['cora', 'citeseer']:
    edge_index = read_planetoid_data(sys.argv[1], name).edge_index
    weights = torch.arange(1, edge_index.size(1) + 1, dtype=torch.float64)
    out[name] = {
        'numEdges': edge_index.size(1),
        'first5': edge_index[:, :5].t().tolist(),
        'last5': edge_index[:, -5:].t().tolist(),
        'weightedSrc': int((edge_index[0].double() * weights).sum().item()),
        'weightedDst': int((edge_index[1].double() * weights).sum().item()),
    }
print(json.dumps(out))
