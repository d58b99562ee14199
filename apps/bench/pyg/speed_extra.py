"""PyG's figures for the bench workloads that ../shared/anchors/pyg/speed.py does not measure.

Same timing protocol as speed.py (each invocation its own process, torch threads as given, median
and min in milliseconds):

  python3 speed_extra.py layers <threads> <std|fast> [--quick]
      Cora training epoch and eval-mode inference of the layer models of
      src/workloads/layer_models.ts (SAGE, GIN, GINE, GraphConv, Transformer); 10 warm-up and 100
      measured iterations (--quick: 2 and 5, as `pnpm bench --quick`). `fast`: dropout of the input's
      non-zero entries only (speed.py's FastInputDropout).
  python3 speed_extra.py gps <threads> [--quick]
      src/workloads/gps_batch.ts: two GPSConv layers on a batch of 64 random graphs of 32 nodes;
      training epoch and inference, iterations as `layers`.
  python3 speed_extra.py hetero <threads> <N> <E> [--quick]
      src/workloads/hetero_relations.ts: the 2-layer GAT on a homogeneous graph of N nodes and E edges,
      then to_hetero(GAT) and HGTConv + Linear on two node types (N/2 each) with E edges over
      R = 1..5 relations; one training epoch each; 2 warm-up and 10 measured epochs (--quick: 1 and 3).
  python3 speed_extra.py merge <OUT_DIR>
      OUT_DIR/pyg-extra-anchors.json from the runs in $ANCHOR_OUT: per workload the best of the
      threads and dropout variants measured (what `pnpm bench` reads beside OUT_DIR/pyg-anchors.json).

Environment as speed.py's: ANCHOR_OUT (results folder), ANCHOR_DATA (Planetoid root with
Cora/raw/ind.cora.*), PYTHONPATH with PyG 2.6.1's source; GNNJS_SHARED_PYG (default
../../../../shared/anchors/pyg from this file) for speed.py's common.py.
Random graphs are drawn with torch's generator, not the bench's: the same sizes, not the same edges.
"""
import glob
import json
import os
import statistics as st
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get('GNNJS_SHARED_PYG', os.path.join(HERE, '../../../../shared/anchors/pyg'))
sys.path.insert(0, SHARED)

MODE = sys.argv[1]
QUICK = '--quick' in sys.argv
ARGS = [a for a in sys.argv[2:] if a != '--quick']
OUT = os.environ.get('ANCHOR_OUT', '.')

LAYER_MODELS = ['SAGE', 'GIN', 'GINE', 'GraphConv', 'Transformer']
HIDDEN, P, EDGE_DIM, CLASSES = 64, 0.5, 4, 4


def timed(fn, warm, meas):
    for _ in range(warm):
        fn()
    tt = []
    for _ in range(meas):
        t = time.perf_counter()
        fn()
        tt.append(time.perf_counter() - t)
    return 1e3 * st.median(tt), 1e3 * min(tt)


def layer_models():
    import torch.nn.functional as F
    from torch_geometric.nn import GINConv, GINEConv, GraphConv, SAGEConv, TransformerConv

    def mlp(a, b, c):
        return torch.nn.Sequential(torch.nn.Linear(a, b), torch.nn.ReLU(), torch.nn.Linear(b, c))

    class TwoLayer(torch.nn.Module):
        """dropout(x) -> conv1 -> ReLU -> dropout -> conv2 (layer_models.ts's TwoLayerModel)."""

        def __init__(self, name, f, c):
            super().__init__()
            self.edge_attr = name == 'GINE'
            if name == 'SAGE':
                self.conv1, self.conv2 = SAGEConv(f, HIDDEN), SAGEConv(HIDDEN, c)
            elif name == 'GIN':
                self.conv1, self.conv2 = GINConv(mlp(f, HIDDEN, HIDDEN)), GINConv(mlp(HIDDEN, HIDDEN, c))
            elif name == 'GINE':
                self.conv1 = GINEConv(mlp(f, HIDDEN, HIDDEN), edge_dim=EDGE_DIM)
                self.conv2 = GINEConv(mlp(HIDDEN, HIDDEN, c), edge_dim=EDGE_DIM)
            elif name == 'GraphConv':
                self.conv1, self.conv2 = GraphConv(f, HIDDEN), GraphConv(HIDDEN, c)
            elif name == 'Transformer':
                self.conv1 = TransformerConv(f, HIDDEN // 8, heads=8)
                self.conv2 = TransformerConv(HIDDEN, c, heads=1, concat=False)
            else:
                raise ValueError(name)

        def run(self, conv, h, edge_index, edge_attr):
            return conv(h, edge_index, edge_attr) if self.edge_attr else conv(h, edge_index)

        def forward(self, x, edge_index, edge_attr):
            h = self.run(self.conv1, x, edge_index, edge_attr).relu()
            return self.run(self.conv2, F.dropout(h, P, self.training), edge_index, edge_attr)

    return TwoLayer


def run_layers():
    import torch.nn.functional as F
    from common import FastInputDropout, load

    nt, variant = int(ARGS[0]), ARGS[1]
    torch.set_num_threads(nt)
    warm, meas = (2, 5) if QUICK else (10, 100)
    TwoLayer = layer_models()
    ds, data = load('Cora')
    fd = FastInputDropout(data.x) if variant == 'fast' else None
    g = torch.Generator().manual_seed(17)
    edge_attr = torch.rand(data.edge_index.size(1), EDGE_DIM, generator=g)
    res = []
    for name in LAYER_MODELS:
        torch.manual_seed(0)
        model = TwoLayer(name, ds.num_features, ds.num_classes)
        opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)

        def train_step():
            model.train()
            opt.zero_grad()
            x = F.dropout(data.x, P, True) if fd is None else fd(P, True)
            out = model(x, data.edge_index, edge_attr)
            F.cross_entropy(out[data.train_mask], data.y[data.train_mask]).backward()
            opt.step()

        train_step()  # the optimizer's state, as the bench's first epoch
        tr_med, tr_min = timed(train_step, warm, meas)
        model.eval()
        with torch.no_grad():
            inf_med, inf_min = timed(lambda: model(data.x, data.edge_index, edge_attr), warm, meas)
        r = dict(dataset='Cora', model=name, input_dropout=variant, train_epoch_median_ms=tr_med, train_epoch_min_ms=tr_min,
                 infer_median_ms=inf_med, infer_min_ms=inf_min)
        res.append(r)
        print(json.dumps(r), flush=True)
    meta = dict(torch=torch.__version__, torch_threads=nt, warmup=warm, measured=meas)
    with open(f'{OUT}/speed_layers_t{nt}_{variant}.json', 'w') as f:
        json.dump(dict(meta=meta, results=res), f, indent=1)


GPS_GRAPHS, GPS_NODES, GPS_EDGES_PER_NODE = 64, 32, 8


def run_gps():
    import torch.nn.functional as F
    from torch_geometric.nn import GINConv, GPSConv

    nt = int(ARGS[0])
    torch.set_num_threads(nt)
    warm, meas = (2, 5) if QUICK else (10, 100)
    n = GPS_GRAPHS * GPS_NODES
    g = torch.Generator().manual_seed(17)
    graph_of_edge = torch.arange(n * GPS_EDGES_PER_NODE) // (GPS_NODES * GPS_EDGES_PER_NODE)
    edge_index = graph_of_edge * GPS_NODES + torch.randint(0, GPS_NODES, (2, n * GPS_EDGES_PER_NODE), generator=g)
    batch = torch.arange(n) // GPS_NODES
    x = torch.randn(n, HIDDEN, generator=g)
    y = torch.randint(0, CLASSES, (n,), generator=g)

    def mlp():
        return torch.nn.Sequential(torch.nn.Linear(HIDDEN, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, HIDDEN))

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lin_in = torch.nn.Linear(HIDDEN, HIDDEN)
            self.gps1 = GPSConv(HIDDEN, GINConv(mlp()), heads=4, dropout=P)
            self.gps2 = GPSConv(HIDDEN, GINConv(mlp()), heads=4, dropout=P)
            self.lin_out = torch.nn.Linear(HIDDEN, CLASSES)

        def forward(self):
            h = self.gps1(self.lin_in(x), edge_index, batch)
            return self.lin_out(self.gps2(h, edge_index, batch))

    torch.manual_seed(0)
    model = Net()
    opt = torch.optim.Adam(model.parameters(), lr=0.001)

    def train_step():
        model.train()
        opt.zero_grad()
        F.cross_entropy(model(), y).backward()
        opt.step()

    train_step()
    tr_med, tr_min = timed(train_step, warm, meas)
    model.eval()
    with torch.no_grad():
        inf_med, inf_min = timed(model, warm, meas)
    r = dict(dataset=f'random {GPS_GRAPHS}×{GPS_NODES}', model='GPS', train_epoch_median_ms=tr_med, train_epoch_min_ms=tr_min,
             infer_median_ms=inf_med, infer_min_ms=inf_min)
    print(json.dumps(r), flush=True)
    meta = dict(torch=torch.__version__, torch_threads=nt, warmup=warm, measured=meas)
    with open(f'{OUT}/speed_gps_t{nt}.json', 'w') as f:
        json.dump(dict(meta=meta, results=[r]), f, indent=1)


RELATIONS = [('a', 'r0', 'b'), ('b', 'r1', 'a'), ('a', 'r2', 'a'), ('b', 'r3', 'b'), ('a', 'r4', 'b')]
FEATURES = 64


def run_hetero():
    import torch.nn.functional as F
    from torch_geometric.nn import GATConv, HGTConv, Linear, to_hetero

    nt, n, e = int(ARGS[0]), int(ARGS[1]), int(ARGS[2])
    torch.set_num_threads(nt)
    warm, meas = (1, 3) if QUICK else (2, 10)
    half = n // 2
    g = torch.Generator().manual_seed(17)
    labels = torch.randint(0, CLASSES, (n,), generator=g)
    features = torch.randn(n, FEATURES, generator=g)
    train = torch.arange(half // 5)

    class GAT(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = GATConv((-1, -1), 8, heads=8, add_self_loops=False)
            self.conv2 = GATConv((-1, -1), CLASSES, add_self_loops=False)

        def forward(self, x, edge_index):
            return self.conv2(F.elu(self.conv1(x, edge_index)), edge_index)

    class HGT(torch.nn.Module):
        def __init__(self, metadata):
            super().__init__()
            self.conv = HGTConv(-1, FEATURES, metadata, heads=8)
            self.lin = Linear(FEATURES, CLASSES)

        def forward(self, x_dict, edge_index_dict):
            return self.lin(self.conv(x_dict, edge_index_dict)['a'])

    def epoch_time(model, forward, y):
        with torch.no_grad():
            forward()  # lazy sizes
        opt = torch.optim.Adam(model.parameters(), lr=0.005)

        def step():
            model.train()
            opt.zero_grad()
            F.cross_entropy(forward()[train], y[train]).backward()
            opt.step()

        step()
        return timed(step, warm, meas)

    res = []

    def row(model, relations, t, ref):
        r = dict(model=model, relations=relations, N=n, E=e, train_epoch_median_ms=t[0], train_epoch_min_ms=t[1],
                 ratio_to_homogeneous=t[0] / ref)
        res.append(r)
        print(json.dumps(r), flush=True)

    torch.manual_seed(0)
    edge_index = torch.randint(0, n, (2, e), generator=g)
    gat = GAT()
    ref = epoch_time(gat, lambda: gat(features, edge_index), labels)
    row('GAT', 0, ref, ref[0])
    for r in range(1, len(RELATIONS) + 1):
        relations = [RELATIONS[2]] if r == 1 else RELATIONS[:r]
        x_dict = {'a': features[:half], 'b': features[half:2 * half]}
        edge_index_dict = {rel: torch.randint(0, half, (2, e // r), generator=g) for rel in relations}
        used = sorted({t for rel in relations for t in (rel[0], rel[2])})
        metadata = (used, relations)
        x_used = {t: x_dict[t] for t in used}
        torch.manual_seed(0)
        hetero = to_hetero(GAT(), metadata, aggr='sum')
        row('toHetero(GAT)', r, epoch_time(hetero, lambda: hetero(x_used, edge_index_dict)['a'], labels[:half]), ref[0])
        torch.manual_seed(0)
        hgt = HGT(metadata)
        row('HGT', r, epoch_time(hgt, lambda: hgt(x_used, edge_index_dict), labels[:half]), ref[0])
    meta = dict(torch=torch.__version__, torch_threads=nt, warmup=warm, measured=meas)
    with open(f'{OUT}/speed_hetero_t{nt}_N{n}_E{e}.json', 'w') as f:
        json.dump(dict(meta=meta, results=res), f, indent=1)


def merge():
    dst = os.path.join(ARGS[0], 'pyg-extra-anchors.json')

    def best(pattern, key):
        rows = {}
        for path in sorted(glob.glob(os.path.join(OUT, pattern))):
            for r in json.load(open(path))['results']:
                b = rows.setdefault(key(r), {k: r[k] for k in r if not k.endswith('_ms') and k not in ('input_dropout', 'ratio_to_homogeneous')})
                for m in (k for k in r if k.endswith('_ms')):
                    b[m] = round(min(b.get(m, 1e12), r[m]), 2)
        return list(rows.values())

    out = {
        'what': 'PyG 2.6.1 measured in this run by apps/bench/pyg/speed_extra.py: per workload the best of 1/2 torch threads '
                '(and, on Cora, of stock and non-zero-only input dropout)',
        'layer_train_and_inference': {'best': best('speed_layers_t*_*.json', lambda r: (r['dataset'], r['model']))
                                               + best('speed_gps_t*.json', lambda r: (r['dataset'], r['model']))},
        'hetero_relations': {'best': best('speed_hetero_t*_N*_E*.json', lambda r: (r['model'], r['relations'], r['N'], r['E']))},
    }
    tmp = dst + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(out, f, indent=1)
    os.replace(tmp, dst)
    print(dst)


{'layers': run_layers, 'gps': run_gps, 'hetero': run_hetero, 'merge': merge}[MODE]()
