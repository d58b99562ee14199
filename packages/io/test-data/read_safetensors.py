"""An independent, strict safetensors reader following the published format,
used by @gnnjs/io's tests to check that what GNN.js writes is what Python reads.
Standard library only (the `safetensors` package is not installed here).

    python3 read_safetensors.py FILE   -> prints {"metadata", "tensors": {name: {dtype, shape, data}}}

int64 values are printed as strings (exact); floats with repr precision.
Exits 1 with a message on any violation of the format.
"""
import json
import struct
import sys

SIZES = {'F64': 8, 'F32': 4, 'F16': 2, 'BF16': 2, 'I64': 8, 'I32': 4, 'I16': 2, 'I8': 1, 'U8': 1, 'BOOL': 1}
CODES = {'F64': '<d', 'F32': '<f', 'I64': '<q', 'I32': '<i', 'I16': '<h', 'I8': '<b', 'U8': '<B', 'BOOL': '<?'}


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def read(path):
    with open(path, 'rb') as f:
        raw = f.read()
    if len(raw) < 8:
        fail('shorter than 8 bytes')
    (n,) = struct.unpack('<Q', raw[:8])
    if 8 + n > len(raw):
        fail('header length runs past the file')
    if (8 + n) % 8 != 0:
        fail('data does not start at a multiple of 8 bytes')
    header_bytes = raw[8:8 + n]
    if not header_bytes.startswith(b'{'):
        fail("header does not start with '{'")
    text = header_bytes.decode('utf-8')
    stripped = text.rstrip(' ')
    if not stripped.endswith('}'):
        fail('header padding is not spaces')

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            fail('duplicate keys in the header')
        return dict(pairs)

    header = json.loads(stripped, object_pairs_hook=no_duplicates)
    data = raw[8 + n:]
    metadata = header.pop('__metadata__', None)
    if metadata is not None:
        if not isinstance(metadata, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
            fail('__metadata__ is not a map of strings')
    spans = []
    out = {}
    for name, info in header.items():
        if set(info) != {'dtype', 'shape', 'data_offsets'}:
            fail(f'{name}: fields {sorted(info)}')
        dtype, shape, (begin, end) = info['dtype'], info['shape'], info['data_offsets']
        if dtype not in SIZES:
            fail(f'{name}: dtype {dtype}')
        count = 1
        for d in shape:
            if not isinstance(d, int) or d < 0:
                fail(f'{name}: shape {shape}')
            count *= d
        if end - begin != count * SIZES[dtype]:
            fail(f'{name}: {end - begin} bytes for {dtype}{shape}')
        spans.append((begin, end, name))
        chunk = data[begin:end]
        if dtype in CODES:
            values = [v for (v,) in struct.iter_unpack(CODES[dtype], chunk)] if count else []
        else:
            values = None
        if dtype == 'I64':
            values = [str(v) for v in values]
        out[name] = {'dtype': dtype, 'shape': shape, 'data': values}
    at = 0
    for begin, end, name in sorted(spans):
        if begin != at:
            fail(f'{name}: begins at {begin}, previous tensor ends at {at} (hole or overlap)')
        at = end
    if at != len(data):
        fail(f'tensors cover {at} of {len(data)} data bytes')
    return {'metadata': metadata, 'tensors': out}


if __name__ == '__main__':
    json.dump(read(sys.argv[1]), sys.stdout)
