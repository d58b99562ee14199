"""Expected heterogeneous splits from PyG 2.6.1's own RandomLinkSplit.

The transform runs as PyG ships it. Its random draws (`torch.randperm`, one per
split edge type, and `negative_sampling`) are recorded, so that the test can
give the same draws to GNN.js's split and compare every output exactly.

Run: PYTHONPATH=<pyg-2.6.1 src> /usr/bin/python3 pyg_hetero_link_split.py > pyg_hetero_link_split.json
"""
import json
import torch
import torch_geometric.transforms.random_link_split as rls
from torch_geometric.data import HeteroData
from torch_geometric.transforms import RandomLinkSplit

RATES = ('user', 'rates', 'item')
RATED_BY = ('item', 'rated_by', 'user')
FOLLOWS = ('user', 'follows', 'user')
SIMILAR = ('item', 'similar', 'item')
MENTORS = ('user', 'mentors', 'user')
MENTORED_BY = ('user', 'mentored_by', 'user')


def graph():
    data = HeteroData()
    data['user'].x = torch.arange(12, dtype=torch.float).view(6, 2)
    data['item'].x = torch.arange(15, dtype=torch.float).view(5, 3)
    src = [0, 0, 1, 1, 2, 3, 3, 4, 5, 5]
    dst = [0, 2, 1, 3, 4, 0, 2, 1, 3, 4]
    data[RATES].edge_index = torch.tensor([src, dst])
    data[RATES].edge_attr = torch.arange(20, dtype=torch.float).view(10, 2) / 4
    data[RATES].edge_label = torch.tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
    data[RATED_BY].edge_index = torch.tensor([dst, src])
    data[RATED_BY].edge_attr = -torch.arange(20, dtype=torch.float).view(10, 2)
    data[RATED_BY].edge_weight = torch.arange(10, dtype=torch.float)  # rates has none: dropped
    pairs = [(0, 1), (0, 2), (1, 3), (2, 4), (3, 5), (4, 5), (1, 4), (2, 5)]
    fs = [a for a, b in pairs] + [b for a, b in pairs]
    fd = [b for a, b in pairs] + [a for a, b in pairs]
    data[FOLLOWS].edge_index = torch.tensor([fs, fd])
    data[FOLLOWS].edge_weight = torch.arange(16, dtype=torch.float) / 2
    data[SIMILAR].edge_index = torch.tensor([[0, 1, 2, 3], [1, 2, 3, 4]])
    ms, md = [0, 1, 2, 3, 4, 0], [1, 2, 3, 4, 5, 3]
    data[MENTORS].edge_index = torch.tensor([ms, md])
    data[MENTORED_BY].edge_index = torch.tensor([md, ms])
    return data


def rows(t):
    return t.tolist()


def run(name, seed, options, with_labels):
    torch.manual_seed(seed)
    draws = []
    randperm = torch.randperm
    sample = rls.negative_sampling

    def recording_randperm(n, *args, **kwargs):
        out = randperm(n, *args, **kwargs)
        draws.append({'randperm': out.tolist()})
        return out

    def recording_negatives(edge_index, size, num_neg_samples, method):
        out = sample(edge_index, size, num_neg_samples=num_neg_samples, method=method)
        draws[-1]['numNeg'] = num_neg_samples
        draws[-1]['negatives'] = rows(out)
        return out

    torch.randperm = recording_randperm
    rls.negative_sampling = recording_negatives
    try:
        data = graph()
        if not with_labels:
            del data[RATES].edge_label
        splits = RandomLinkSplit(**options)(data)
    finally:
        torch.randperm = randperm
        rls.negative_sampling = sample
    out = {'name': name, 'options': options, 'withLabels': with_labels, 'draws': draws, 'splits': {}}
    for split_name, split in zip(['train', 'val', 'test'], splits):
        edges = {}
        for edge_type in split.edge_types:
            store = split[edge_type]
            edges['__'.join(edge_type)] = {key: rows(value) for key, value in store.items()}
        out['splits'][split_name] = edges
    return out


cases = [
    run('two types: rates with its reverse and existing labels, follows undirected and its own reverse', 0, {
        'num_val': 0.2, 'num_test': 0.2, 'is_undirected': True,
        'edge_types': [RATES, FOLLOWS], 'rev_edge_types': [RATED_BY, FOLLOWS],
    }, True),
    run('one type (a tuple), split labels, disjoint training supervision, no training negatives', 1, {
        'num_val': 2, 'num_test': 3, 'split_labels': True, 'disjoint_train_ratio': 0.4,
        'add_negative_train_samples': False, 'neg_sampling_ratio': 2.0,
        'edge_types': RATES, 'rev_edge_types': RATED_BY,
    }, False),
    run('follows without a reverse type, undirected: pairs split, message edges both ways', 2, {
        'num_val': 0.25, 'num_test': 0.25, 'is_undirected': True, 'edge_types': [FOLLOWS],
    }, False),
    run('mentors with a reverse type of its own: is_undirected ignored, square negatives', 3, {
        'num_val': 1, 'num_test': 1, 'is_undirected': True, 'edge_types': [MENTORS], 'rev_edge_types': [MENTORED_BY],
    }, False),
]
for case in cases:
    for key in ('edge_types', 'rev_edge_types'):
        value = case['options'].get(key)
        if isinstance(value, list):
            case['options'][key] = ['__'.join(t) if t is not None else None for t in value]
        elif value is not None:
            case['options'][key] = '__'.join(value)
print(json.dumps({'cases': cases}, indent=1))
