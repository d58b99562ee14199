"""Makes the committed .pt test files of @gnnjs/io and what they must read as.

Run with Debian's torch 1.13 (python3-torch): python3 make_torch_test_data.py
Writes dtypes.pt, legacy.pt, dtypes_expected.json and gat_cora_digests.json
(sha256 of each gat_cora.pt tensor as contiguous little-endian bytes, so that a
test can check every element exactly without a 800 kB JSON).
"""
import collections
import hashlib
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.environ.get('GNNJS_TEST_TORCH_FIXTURES', os.path.join(HERE, '../../../../shared/fixtures/torch'))


def values(t):
    """Nested lists; infinities as the strings 'inf' / '-inf' (JSON has none)."""
    if t.dtype in (torch.float16, torch.bfloat16):
        t = t.float()

    def fix(v):
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, float) and v in (float('inf'), float('-inf')):
            return 'inf' if v > 0 else '-inf'
        return v

    return fix(t.tolist())


def main():
    torch.manual_seed(0)
    base = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) / 8
    tensors = collections.OrderedDict()
    tensors['half'] = torch.tensor([1.0, -2.5, 65504.0, 6.1e-5, 0.0, -0.0], dtype=torch.float16)
    tensors['half_special'] = torch.tensor([float('inf'), float('-inf'), 5.96e-8], dtype=torch.float16)
    tensors['bf16'] = torch.tensor([1.0, -3.140625, 1e30, -1e-30], dtype=torch.bfloat16)
    tensors['i32'] = torch.tensor([[-2147483648, 2147483647], [0, -1]], dtype=torch.int32)
    tensors['i16'] = torch.tensor([-32768, 32767, 5], dtype=torch.int16)
    tensors['i8'] = torch.tensor([-128, 127, 0], dtype=torch.int8)
    tensors['u8'] = torch.tensor([0, 255, 17], dtype=torch.uint8)
    tensors['i64_small'] = torch.tensor([[3, -4], [2147483647, -2147483648]], dtype=torch.int64)
    tensors['i64_scalar'] = torch.tensor(7, dtype=torch.int64)
    tensors['empty'] = torch.zeros(0, 3)
    tensors['expanded'] = torch.tensor([[1.5], [-2.0]]).expand(2, 4)  # stride (1, 0)
    tensors['permuted'] = base.permute(2, 0, 1)  # stride (1, 12, 4)
    tensors['narrowed'] = base[:, 1:, ::2]  # offset 4, stride (12, 4, 2)
    tensors['f64_col'] = torch.arange(6, dtype=torch.float64).reshape(2, 3).t()  # stride (1, 3)
    torch.save(tensors, os.path.join(HERE, 'dtypes.pt'))
    expected = collections.OrderedDict()
    for k, t in tensors.items():
        expected[k] = {
            'dtype': str(t.dtype).replace('torch.', ''),
            'shape': list(t.shape),
            'stride': list(t.stride()),
            'storage_offset': t.storage_offset(),
            'data': values(t),
        }
    with open(os.path.join(HERE, 'dtypes_expected.json'), 'w') as f:
        json.dump(expected, f, indent=1)
        f.write('\n')

    torch.save(collections.OrderedDict(w=torch.ones(2)), os.path.join(HERE, 'legacy.pt'), _use_new_zipfile_serialization=False)

    state = torch.load(os.path.join(FIXTURES, 'gat_cora.pt'))
    digests = collections.OrderedDict()
    for k, t in state.items():
        raw = t.contiguous().numpy().astype('<f4').tobytes()
        digests[k] = {'shape': list(t.shape), 'sha256': hashlib.sha256(raw).hexdigest(), 'first': t.flatten()[:3].tolist()}
    with open(os.path.join(HERE, 'gat_cora_digests.json'), 'w') as f:
        json.dump(digests, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
