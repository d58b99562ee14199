"""Reference losses for binary_classification.test.ts from torch 1.13 (float64).

/usr/bin/python3 torch_binary_losses.py > torch_binary_losses.json
The focal loss is torchvision.ops.sigmoid_focal_loss's formula (torchvision is
not installed here): ce * (1 - p_t) ** gamma, times alpha_t, mean.
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(3)
n = 40
labels = (torch.rand(n) < 0.25).long()
logit = (torch.randn(n) * 2 + 1.5 * labels).double()
two = torch.randn(n, 2, dtype=torch.float64) + torch.stack([torch.zeros(n), 1.2 * labels], 1).double()


def focal(z, y, gamma, alpha):
    p = torch.sigmoid(z)
    ce = F.binary_cross_entropy_with_logits(z, y.double(), reduction='none')
    p_t = p * y + (1 - p) * (1 - y)
    loss = ce * ((1 - p_t) ** gamma)
    if alpha is not None and alpha >= 0:
        loss = (alpha * y + (1 - alpha) * (1 - y)) * loss
    return loss.mean().item()


def as_two(z):  # one logit z ≡ two logits [0, z]
    return torch.stack([torch.zeros_like(z), z], 1)


n1 = int(labels.sum())
balanced = torch.tensor([n / (2 * (n - n1)), n / (2 * n1)], dtype=torch.float64)
weights = torch.tensor([0.3, 2.5], dtype=torch.float64)
out = {
    'labels': labels.tolist(),
    'logit': logit.tolist(),
    'two': two.tolist(),
    'logit_ce': F.binary_cross_entropy_with_logits(logit, labels.double()).item(),
    'logit_ce_weighted': F.cross_entropy(as_two(logit), labels, weight=weights).item(),
    'logit_ce_balanced': F.cross_entropy(as_two(logit), labels, weight=balanced).item(),
    'logit_focal': focal(logit, labels, 2.0, 0.25),
    'logit_focal_g1_noalpha': focal(logit, labels, 1.0, None),
    'two_ce': F.cross_entropy(two, labels).item(),
    'two_ce_weighted': F.cross_entropy(two, labels, weight=weights).item(),
    # Two logits: p = softmax[:, 1] = sigmoid(z1 - z0).
    'two_focal': focal(two[:, 1] - two[:, 0], labels, 2.0, 0.25),
}
print(json.dumps(out))
