"""PyG's side of scripts/accuracy_v2.ts: the same Cora recipes, 10 seeds.

dropout(x) -> conv1 -> ReLU -> dropout -> conv2, hidden 64, dropout 0.5, Adam lr 0.01,
weight decay 5e-4 on every parameter, 200 epochs, public split with NormalizeFeatures, test
accuracy at the first epoch with the best validation accuracy (PyG examples' rule).
  sage: SAGEConv (mean);  gin: GINConv(Sequential(Linear(F,64), ReLU, Linear(64,64))),
  GINConv(Sequential(Linear(64,64), ReLU, Linear(64,C))).

Run with Debian's python and PyG 2.6.1's source (pure Python, torch 1.13's scatter_reduce; no
torch_scatter):
  mkdir -p /tmp/pyg && tar -xzf ../shared/anchors/pyg/pyg-2.6.1-src.tgz -C /tmp/pyg
  PYTHONPATH=/tmp/pyg OPENBLAS_NUM_THREADS=1 /usr/bin/python3 apps/bench/scripts/accuracy_v2_pyg.py sage [seeds] [first]
(seeds first .. first+seeds-1, default 0..9: several processes can share the seeds out).

Input dropout drops only the non-zero entries of the (fixed, mostly zero) features: the same
distribution as F.dropout(x) (dropping a zero changes nothing), without Debian torch's slow
dense mask (the trick of ../shared/anchors/pyg/common.py; GNN.js's seeded dropout does the same).
"""
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

import torch
import torch.nn.functional as F
import torch_geometric.transforms as T
from torch_geometric.datasets import Planetoid
from torch_geometric.nn import GINConv, SAGEConv

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, '../../../../shared/datasets/planetoid')


def load_cora():
    root = tempfile.mkdtemp(prefix='gnnjs-pyg-cora-')
    os.makedirs(os.path.join(root, 'Cora', 'raw'))
    for f in os.listdir(RAW):
        if f.startswith('ind.cora.'):
            shutil.copy(os.path.join(RAW, f), os.path.join(root, 'Cora', 'raw', f))
    return Planetoid(root, 'Cora', transform=T.NormalizeFeatures())[0]


class InputDropout:
    def __init__(self, x):
        self.x = x
        self.idx = x.view(-1).nonzero().view(-1)
        self.vals = x.view(-1)[self.idx]

    def __call__(self, p, training):
        if not training:
            return self.x
        out = torch.zeros_like(self.x)
        out.view(-1)[self.idx] = F.dropout(self.vals, p=p, training=True)
        return out


def mlp(a, b, c):
    return torch.nn.Sequential(torch.nn.Linear(a, b), torch.nn.ReLU(), torch.nn.Linear(b, c))


class TwoLayer(torch.nn.Module):
    def __init__(self, name, f, c, hidden=64):
        super().__init__()
        if name == 'sage':
            self.conv1, self.conv2 = SAGEConv(f, hidden), SAGEConv(hidden, c)
        elif name == 'gin':
            self.conv1, self.conv2 = GINConv(mlp(f, hidden, hidden)), GINConv(mlp(hidden, hidden, c))
        else:
            raise ValueError(name)

    def forward(self, x, edge_index):
        x = self.conv1(x, edge_index).relu()
        x = F.dropout(x, p=0.5, training=self.training)
        return self.conv2(x, edge_index)


def run(name, seed, data, drop):
    torch.manual_seed(seed)
    model = TwoLayer(name, data.num_features, int(data.y.max()) + 1)
    opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
    best_val, best_test = -1.0, 0.0
    for _ in range(200):
        model.train()
        opt.zero_grad()
        out = model(drop(0.5, True), data.edge_index)
        F.cross_entropy(out[data.train_mask], data.y[data.train_mask]).backward()
        opt.step()
        model.eval()
        with torch.no_grad():
            pred = model(data.x, data.edge_index).argmax(-1)
        val = float((pred[data.val_mask] == data.y[data.val_mask]).float().mean())
        test = float((pred[data.test_mask] == data.y[data.test_mask]).float().mean())
        if val > best_val:
            best_val, best_test = val, test
    return 100 * best_test


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else 'sage'
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    torch.set_num_threads(1)
    data = load_cora()
    drop = InputDropout(data.x)
    started = time.time()
    accs = []
    for seed in range(first, first + seeds):
        accs.append(run(name, seed, data, drop))
        print(f'seed {seed}: test {accs[-1]:.2f}', flush=True)
    print(json.dumps(dict(model=name, pyg='2.6.1', torch=torch.__version__, seeds=seeds, mean=round(statistics.fmean(accs), 2),
                          std=round(statistics.pstdev(accs), 2), accuracies=[round(a, 1) for a in accs],
                          seconds=round(time.time() - started))))


if __name__ == '__main__':
    main()
