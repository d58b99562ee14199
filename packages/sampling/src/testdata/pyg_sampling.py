"""Expected sampled subgraphs from PyG 2.6.1's own NeighborLoader / LinkNeighborLoader.

This machine has neither pyg-lib nor torch-sparse (the C++ samplers). The loaders,
`NeighborSampler`, `node_sample`/`edge_sample`, `to_bidirectional`, `filter_data`
and edge-id permutation run as PyG ships them; only the C++ kernel is replaced by
`kernel()` below, which follows pyg-lib's `neighbor_kernel.cpp` (and torch-sparse's
induced variant) for the DETERMINISTIC cases only: fan-outs of -1, fan-outs at
least the neighbourhood size, and temporal 'last'. A random draw raises. The CSC
sort is made stable, as pyg-lib's radix `index_sort` is.

Run: PYTHONPATH=<pyg-2.6.1 src> /usr/bin/python3 pyg_sampling.py > pyg_sampling.json
"""
import json
import torch
import torch_geometric.typing as T
import torch_geometric.sampler.utils as su
from torch_geometric.data import Data, HeteroData
from torch_geometric.loader import LinkNeighborLoader, NeighborLoader

T.WITH_PYG_LIB = True
T.WITH_EDGE_TIME_NEIGHBOR_SAMPLE = True
T.WITH_WEIGHTED_NEIGHBOR_SAMPLE = True
_sort = su.index_sort
su.index_sort = lambda inputs, max_value=None, stable=False: inputs.sort(stable=True)


def kernel(node_types, edge_types, colptr, row, seed, num_neighbors, node_time, edge_time, seed_time,
           replace, directed, disjoint, strategy):
    """pyg-lib's hetero sampler (csc=True) for deterministic fan-outs; types given as rel strings."""
    nodes = {t: [] for t in node_types}
    mapper = {t: {} for t in node_types}
    seed_times = []
    b = 0
    for t, s in seed.items():
        for v in s.tolist():
            key = (b, v) if disjoint else v
            nodes[t].append(key)
            mapper[t].setdefault(key, len(nodes[t]) - 1)
            if node_time is not None and seed_time is None:
                seed_times.append(node_time[t][v].item())
            b += 1
        if seed_time is not None:
            seed_times.extend(seed_time[t].tolist())
    slices = {t: (0, len(nodes[t])) for t in node_types}
    rows = {r: [] for r in edge_types}
    cols = {r: [] for r in edge_types}
    eids = {r: [] for r in edge_types}
    nsn = {t: [len(nodes[t])] for t in node_types}
    nse = {r: [] for r in edge_types}
    hops = max(len(v) for v in num_neighbors.values())
    for hop in range(hops):
        for r in edge_types:
            src_t, _, dst_t = r.split('__')
            count = num_neighbors[r][hop]
            before = len(rows[r])
            cp, rw = colptr[r].tolist(), row[r].tolist()
            for i in range(*slices[dst_t]):
                key = nodes[dst_t][i]
                v = key[1] if disjoint else key
                start, end = cp[v], cp[v + 1]
                times = None
                if node_time is not None and src_t in node_time:
                    times = [node_time[src_t][rw[k]].item() for k in range(start, end)]
                elif edge_time is not None and r in edge_time:
                    times = [edge_time[r][k].item() for k in range(start, end)]
                if times is not None and end > start:
                    st = seed_times[key[0]]
                    end = start + sum(1 for t in times if t <= st)
                    if strategy == 'last' and count >= 0:
                        start = max(start, end - count)
                pop = end - start
                if pop == 0 or count == 0:
                    continue
                if not (count < 0 or (not replace and count >= pop)):
                    raise RuntimeError('random draw: not a deterministic fixture')
                for k in range(start, end):
                    u = rw[k]
                    ukey = (key[0], u) if disjoint else u
                    if ukey not in mapper[src_t]:
                        mapper[src_t][ukey] = len(nodes[src_t])
                        nodes[src_t].append(ukey)
                    if directed:
                        rows[r].append(mapper[src_t][ukey])
                        cols[r].append(i)
                        eids[r].append(k)
            nse[r].append(len(rows[r]) - before)
        for t in node_types:
            prev = slices[t][1]
            slices[t] = (prev, len(nodes[t]))
            nsn[t].append(len(nodes[t]) - prev)
    if not directed:  # torch-sparse: every edge among the sampled nodes
        for r in edge_types:
            src_t, _, dst_t = r.split('__')
            cp, rw = colptr[r].tolist(), row[r].tolist()
            for i, v in enumerate(nodes[dst_t]):
                for k in range(cp[v], cp[v + 1]):
                    if rw[k] in mapper[src_t]:
                        rows[r].append(mapper[src_t][rw[k]])
                        cols[r].append(i)
                        eids[r].append(k)
    L = torch.long
    node_out = {t: torch.tensor(v, dtype=L).view(-1, 2) if disjoint else torch.tensor(v, dtype=L) for t, v in nodes.items()}
    return ({r: torch.tensor(v, dtype=L) for r, v in rows.items()}, {r: torch.tensor(v, dtype=L) for r, v in cols.items()},
            node_out, {r: torch.tensor(v, dtype=L) for r, v in eids.items()}, nsn, nse)


def homo_kernel(colptr, row, seed, num_neighbors, node_time, edge_time, seed_time, edge_weight, csc, replace, directed,
                disjoint, strategy, return_edge_id):
    out = kernel(['n'], ['n__to__n'], {'n__to__n': colptr}, {'n__to__n': row}, {'n': seed},
                 {'n__to__n': num_neighbors}, None if node_time is None else {'n': node_time},
                 None if edge_time is None else {'n__to__n': edge_time}, None if seed_time is None else {'n': seed_time},
                 replace, directed, disjoint, strategy)
    r, c, n, e, nsn, nse = out
    return r['n__to__n'], c['n__to__n'], n['n'], e['n__to__n'], nsn['n'], nse['n__to__n']


def hetero_kernel(node_types, edge_types, colptr, row, seed, num_neighbors, node_time, edge_time, seed_time,
                  edge_weight, csc, replace, directed, disjoint, strategy, return_edge_id):
    rel = ['__'.join(t) for t in edge_types]
    return kernel(node_types, rel, colptr, row, seed, num_neighbors, node_time, edge_time, seed_time, replace, directed,
                  disjoint, strategy)


def sparse_kernel(colptr, row, seed, num_neighbors, replace, directed):
    r, c, n, e, _, _ = homo_kernel(colptr, row, seed, num_neighbors, None, None, None, None, True, replace, directed,
                                   False, 'uniform', True)
    return n, r, c, e


class Ops:
    neighbor_sample = staticmethod(homo_kernel)
    hetero_neighbor_sample = staticmethod(hetero_kernel)


class SparseOps:
    neighbor_sample = staticmethod(sparse_kernel)


torch.ops.pyg = Ops
torch.ops.torch_sparse = SparseOps
T.WITH_TORCH_SPARSE = True

# A small directed graph: 9 nodes, edges listed out of destination order.
SRC = [1, 2, 3, 0, 4, 5, 2, 6, 7, 1, 8, 3, 5, 0, 7, 6, 2, 4]
DST = [0, 0, 0, 1, 1, 2, 3, 3, 4, 4, 4, 5, 6, 6, 7, 8, 8, 2]


def homo_case(name, seeds, num_neighbors, **kw):
    data = Data(edge_index=torch.tensor([SRC, DST]), num_nodes=9)
    data.x = torch.arange(9, dtype=torch.float).view(-1, 1)
    data.edge_attr = torch.arange(len(SRC), dtype=torch.float)
    loader = NeighborLoader(data, num_neighbors=num_neighbors, input_nodes=torch.tensor(seeds), batch_size=len(seeds), **kw)
    b = next(iter(loader))
    out = {'name': name, 'seeds': seeds, 'numNeighbors': num_neighbors, 'options': kw,
           'nId': b.n_id.tolist(), 'edgeIndex': b.edge_index.tolist(), 'batchSize': b.batch_size,
           'x': b.x.view(-1).tolist()}
    if 'e_id' in b:
        out['eId'] = b.e_id.tolist()
        out['edgeAttr'] = b.edge_attr.tolist()
    if getattr(b, 'batch', None) is not None:
        out['batch'] = b.batch.tolist()
    if getattr(b, 'num_sampled_nodes', None) is not None:
        out['numSampledNodes'] = list(b.num_sampled_nodes)
        out['numSampledEdges'] = list(b.num_sampled_edges)
    return out


def hetero_data(with_time):
    data = HeteroData()
    data['user'].x = torch.arange(5, dtype=torch.float).view(-1, 1)
    data['item'].x = 10 + torch.arange(4, dtype=torch.float).view(-1, 1)
    buys = torch.tensor([[0, 1, 1, 2, 3, 4, 4, 0], [0, 0, 1, 2, 2, 3, 1, 3]])
    data['user', 'buys', 'item'].edge_index = buys
    data['item', 'rev_buys', 'user'].edge_index = buys.flip(0)
    data['user', 'follows', 'user'].edge_index = torch.tensor([[1, 2, 3, 4, 0], [0, 0, 1, 2, 4]])
    if with_time:
        data['user'].time = torch.tensor([5, 1, 3, 2, 9])
        data['item'].time = torch.tensor([4, 0, 6, 2])
    return data


def hetero_case(name, seeds, num_neighbors, with_time=False, **kw):
    data = hetero_data(with_time)
    nn = {k: num_neighbors for k in data.edge_types} if isinstance(num_neighbors, list) else num_neighbors
    loader = NeighborLoader(data, num_neighbors=nn, input_nodes=('user', torch.tensor(seeds)), batch_size=len(seeds),
                            time_attr='time' if with_time else None, **kw)
    b = next(iter(loader))
    out = {'name': name, 'seeds': seeds, 'options': kw, 'temporal': with_time,
           'numNeighbors': {'__'.join(k): v for k, v in nn.items()}, 'batchSize': b['user'].batch_size,
           'nId': {t: b[t].n_id.tolist() for t in b.node_types},
           'x': {t: b[t].x.view(-1).tolist() for t in b.node_types},
           'edgeIndex': {'__'.join(k): b[k].edge_index.tolist() for k in b.edge_types},
           'eId': {'__'.join(k): b[k].e_id.tolist() for k in b.edge_types if 'e_id' in b[k]}}
    if with_time or kw.get('disjoint'):
        out['batch'] = {t: b[t].batch.tolist() for t in b.node_types}
    return out


def link_case(name, label_index, num_neighbors, **kw):
    data = Data(edge_index=torch.tensor([SRC, DST]), num_nodes=9)
    data.x = torch.arange(9, dtype=torch.float).view(-1, 1)
    loader = LinkNeighborLoader(data, num_neighbors=num_neighbors, edge_label_index=torch.tensor(label_index),
                                batch_size=len(label_index[0]), **kw)
    b = next(iter(loader))
    return {'name': name, 'edgeLabelIndexInput': label_index, 'numNeighbors': num_neighbors, 'options': kw,
            'nId': b.n_id.tolist(), 'edgeIndex': b.edge_index.tolist(), 'eId': b.e_id.tolist(),
            'edgeLabelIndex': b.edge_label_index.tolist(), 'edgeLabel': None if getattr(b, 'edge_label', None) is None else b.edge_label.tolist()}


cases = {
    'homogeneous': [
        homo_case('two hops, all neighbours', [0, 4], [-1, -1]),
        homo_case('one seed, three hops', [6], [-1, -1, -1]),
        homo_case('fan-out larger than every degree', [2, 8], [5, 5]),
        homo_case('zero fan-out in hop 2', [0], [-1, 0]),
        homo_case('bidirectional', [0, 4], [-1, -1], subgraph_type='bidirectional'),
        homo_case('induced', [0, 4], [-1, -1], subgraph_type='induced'),
        homo_case('disjoint', [0, 4], [-1, -1], disjoint=True),
    ],
    'heterogeneous': [
        hetero_case('all neighbours, every edge type', [0, 3], [-1, -1]),
        hetero_case('per-edge-type fan-outs', [0, 3],
                    {('user', 'buys', 'item'): [-1, -1], ('item', 'rev_buys', 'user'): [-1, 0],
                     ('user', 'follows', 'user'): [0, -1]}),
        hetero_case('bidirectional', [0, 3], [-1, -1], subgraph_type='bidirectional'),
        hetero_case('disjoint', [0, 2], [-1, -1], disjoint=True),
        hetero_case('temporal, all eligible', [0, 2, 4], [-1, -1], with_time=True),
        hetero_case('temporal, last one', [0, 4], [1, 1], with_time=True, temporal_strategy='last'),
    ],
    'link': [
        link_case('label edges, no negatives', [[1, 4], [0, 1]], [-1]),
        link_case('label edges share a node', [[1, 2, 4], [0, 0, 1]], [-1, -1]),
    ],
}
print(json.dumps(cases, indent=1))
