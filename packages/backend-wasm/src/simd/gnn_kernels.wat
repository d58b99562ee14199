;; GNN kernels in WebAssembly with 128-bit SIMD, run on the memory of
;; tfjs-backend-wasm (imported), so they read and write tensors in place.
;;
;; Every pointer is a byte offset into that memory; every tensor is float32
;; except edge and segment ids (int32). Each kernel does exactly what its
;; typed-array twin in @gnnjs/backend-cpu's kernels_impl does, in the same edge
;; order (so results are deterministic); sums inside one SIMD lane group are
;; rounded in float32 instead of float64, which is within the conformance
;; suite's tolerance.
;;
;; Regenerate the embedded binary after editing: `pnpm build:wasm` in this
;; package (a test fails while the two disagree).
(module
  (import "env" "memory" (memory 1))

  ;; out[o, o + n) += a · x[xo, xo + n), four lanes at a time.
  (func $axpy (param $a f32) (param $xp i32) (param $op i32) (param $n i32)
    (local $av v128) (local $end4 i32) (local $end i32)
    (local.set $av (f32x4.splat (local.get $a)))
    (local.set $end (i32.add (local.get $op) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $op)
      (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4
      (loop $lanes
        (br_if $done4 (i32.ge_u (local.get $op) (local.get $end4)))
        (v128.store (local.get $op)
          (f32x4.add (v128.load (local.get $op))
            (f32x4.mul (local.get $av) (v128.load (local.get $xp)))))
        (local.set $op (i32.add (local.get $op) (i32.const 16)))
        (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
        (br $lanes)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $op) (local.get $end)))
        (f32.store (local.get $op)
          (f32.add (f32.load (local.get $op))
            (f32.mul (local.get $a) (f32.load (local.get $xp)))))
        (local.set $op (i32.add (local.get $op) (i32.const 4)))
        (local.set $xp (i32.add (local.get $xp) (i32.const 4)))
        (br $tail))))

  ;; out[o, o + n) += w[wo, wo + n) · x[xo, xo + n) (a weight per value).
  (func $fma_rows (param $wp i32) (param $xp i32) (param $op i32) (param $n i32)
    (local $end4 i32) (local $end i32)
    (local.set $end (i32.add (local.get $op) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $op)
      (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4
      (loop $lanes
        (br_if $done4 (i32.ge_u (local.get $op) (local.get $end4)))
        (v128.store (local.get $op)
          (f32x4.add (v128.load (local.get $op))
            (f32x4.mul (v128.load (local.get $wp)) (v128.load (local.get $xp)))))
        (local.set $op (i32.add (local.get $op) (i32.const 16)))
        (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
        (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
        (br $lanes)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $op) (local.get $end)))
        (f32.store (local.get $op)
          (f32.add (f32.load (local.get $op))
            (f32.mul (f32.load (local.get $wp)) (f32.load (local.get $xp)))))
        (local.set $op (i32.add (local.get $op) (i32.const 4)))
        (local.set $xp (i32.add (local.get $xp) (i32.const 4)))
        (local.set $wp (i32.add (local.get $wp) (i32.const 4)))
        (br $tail))))

  ;; SpMM: out[dst_e] += w[e] ∘ x[src_e], out zeroed first. A node row has
  ;; `rowSize` values in `weightSize` groups; w[e, g] scales group g.
  ;; weightSize 0: no weight (all ones); weightSize = rowSize: one weight per
  ;; value. Edges with an endpoint out of range are skipped.
  (func (export "spmm")
    (param $src i32) (param $dst i32) (param $numEdges i32)
    (param $x i32) (param $w i32) (param $out i32)
    (param $numSrc i32) (param $numDst i32) (param $rowSize i32) (param $weightSize i32)
    (local $e i32) (local $j i32) (local $i i32) (local $rowBytes i32)
    (local $groupSize i32) (local $groupBytes i32) (local $g i32)
    (local $xo i32) (local $oo i32) (local $wo i32) (local $wv v128)
    (local.set $rowBytes (i32.shl (local.get $rowSize) (i32.const 2)))
    (memory.fill (local.get $out) (i32.const 0)
      (i32.mul (local.get $numDst) (local.get $rowBytes)))
    (local.set $groupSize
      (if (result i32) (local.get $weightSize)
        (then (i32.div_u (local.get $rowSize) (local.get $weightSize)))
        (else (local.get $rowSize))))
    (local.set $groupBytes (i32.shl (local.get $groupSize) (i32.const 2)))
    (block $edges_done
      (loop $edges
        (br_if $edges_done (i32.ge_u (local.get $e) (local.get $numEdges)))
        (local.set $j (i32.load (i32.add (local.get $src) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $i (i32.load (i32.add (local.get $dst) (i32.shl (local.get $e) (i32.const 2)))))
        ;; Unsigned comparison also rejects negative ids.
        (if (i32.and (i32.lt_u (local.get $j) (local.get $numSrc))
                     (i32.lt_u (local.get $i) (local.get $numDst)))
          (then
            (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $oo (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rowBytes))))
            (if (i32.eqz (local.get $weightSize))
              (then (call $axpy (f32.const 1) (local.get $xo) (local.get $oo) (local.get $rowSize)))
              (else
                (if (i32.eq (local.get $groupSize) (i32.const 1))
                  (then
                    (call $fma_rows
                      (i32.add (local.get $w) (i32.mul (local.get $e) (local.get $rowBytes)))
                      (local.get $xo) (local.get $oo) (local.get $rowSize)))
                  (else
                    (local.set $wo (i32.add (local.get $w)
                      (i32.shl (i32.mul (local.get $e) (local.get $weightSize)) (i32.const 2))))
                    (local.set $g (i32.const 0))
                    (block $groups_done
                      (loop $groups
                        (br_if $groups_done (i32.ge_u (local.get $g) (local.get $weightSize)))
                        (if (i32.eq (local.get $groupSize) (i32.const 8))
                          (then
                            ;; Eight channels per head (GAT's default), without a call.
                            (local.set $wv (f32x4.splat (f32.load (local.get $wo))))
                            (v128.store (local.get $oo) (f32x4.add (v128.load (local.get $oo))
                              (f32x4.mul (local.get $wv) (v128.load (local.get $xo)))))
                            (v128.store offset=16 (local.get $oo) (f32x4.add (v128.load offset=16 (local.get $oo))
                              (f32x4.mul (local.get $wv) (v128.load offset=16 (local.get $xo))))))
                          (else
                            (call $axpy (f32.load (local.get $wo)) (local.get $xo) (local.get $oo) (local.get $groupSize))))
                        (local.set $wo (i32.add (local.get $wo) (i32.const 4)))
                        (local.set $xo (i32.add (local.get $xo) (local.get $groupBytes)))
                        (local.set $oo (i32.add (local.get $oo) (local.get $groupBytes)))
                        (local.set $g (i32.add (local.get $g) (i32.const 1)))
                        (br $groups)))))))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $edges))))

  ;; SDDMM 'dot': out[e, g] = Σ_c lhs[src_e, g, c] · rhs[dst_e, g, c] over
  ;; `numGroups` groups of `lastDim` values; 0 for an edge out of range.
  (func (export "sddmm_dot")
    (param $src i32) (param $dst i32) (param $numEdges i32)
    (param $lhs i32) (param $rhs i32) (param $out i32)
    (param $numSrc i32) (param $numDst i32) (param $numGroups i32) (param $lastDim i32)
    (local $e i32) (local $j i32) (local $i i32) (local $g i32) (local $rowBytes i32)
    (local $lp i32) (local $rp i32) (local $end4 i32) (local $end i32) (local $op i32)
    (local $acc v128) (local $sum f32)
    (local.set $rowBytes (i32.shl (i32.mul (local.get $numGroups) (local.get $lastDim)) (i32.const 2)))
    (local.set $op (local.get $out))
    (block $edges_done
      (loop $edges
        (br_if $edges_done (i32.ge_u (local.get $e) (local.get $numEdges)))
        (local.set $j (i32.load (i32.add (local.get $src) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $i (i32.load (i32.add (local.get $dst) (i32.shl (local.get $e) (i32.const 2)))))
        (if (i32.and (i32.lt_u (local.get $j) (local.get $numSrc))
                     (i32.lt_u (local.get $i) (local.get $numDst)))
          (then
            (local.set $lp (i32.add (local.get $lhs) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $rp (i32.add (local.get $rhs) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $g (i32.const 0))
            (block $groups_done
              (loop $groups
                (br_if $groups_done (i32.ge_u (local.get $g) (local.get $numGroups)))
                (local.set $end (i32.add (local.get $lp) (i32.shl (local.get $lastDim) (i32.const 2))))
                (local.set $end4 (i32.add (local.get $lp)
                  (i32.shl (i32.and (local.get $lastDim) (i32.const -4)) (i32.const 2))))
                (local.set $acc (v128.const f32x4 0 0 0 0))
                (block $lanes_done
                  (loop $lanes
                    (br_if $lanes_done (i32.ge_u (local.get $lp) (local.get $end4)))
                    (local.set $acc (f32x4.add (local.get $acc)
                      (f32x4.mul (v128.load (local.get $lp)) (v128.load (local.get $rp)))))
                    (local.set $lp (i32.add (local.get $lp) (i32.const 16)))
                    (local.set $rp (i32.add (local.get $rp) (i32.const 16)))
                    (br $lanes)))
                (local.set $sum (f32.add
                  (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                  (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
                (block $tail_done
                  (loop $tail
                    (br_if $tail_done (i32.ge_u (local.get $lp) (local.get $end)))
                    (local.set $sum (f32.add (local.get $sum)
                      (f32.mul (f32.load (local.get $lp)) (f32.load (local.get $rp)))))
                    (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
                    (local.set $rp (i32.add (local.get $rp) (i32.const 4)))
                    (br $tail)))
                (f32.store (local.get $op) (local.get $sum))
                (local.set $op (i32.add (local.get $op) (i32.const 4)))
                (local.set $g (i32.add (local.get $g) (i32.const 1)))
                (br $groups))))
          (else
            (memory.fill (local.get $op) (i32.const 0) (i32.shl (local.get $numGroups) (i32.const 2)))
            (local.set $op (i32.add (local.get $op) (i32.shl (local.get $numGroups) (i32.const 2))))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $edges))))

  ;; SDDMM 'add' (isMul 0) or 'mul' (isMul 1): out[e] = lhs[src_e] ∘ rhs[dst_e],
  ;; `rowSize` values per edge; 0 for an edge out of range.
  (func (export "sddmm_binary")
    (param $src i32) (param $dst i32) (param $numEdges i32)
    (param $lhs i32) (param $rhs i32) (param $out i32)
    (param $numSrc i32) (param $numDst i32) (param $rowSize i32) (param $isMul i32)
    (local $e i32) (local $j i32) (local $i i32) (local $rowBytes i32)
    (local $lp i32) (local $rp i32) (local $op i32) (local $end4 i32) (local $end i32)
    (local.set $rowBytes (i32.shl (local.get $rowSize) (i32.const 2)))
    (local.set $op (local.get $out))
    (block $edges_done
      (loop $edges
        (br_if $edges_done (i32.ge_u (local.get $e) (local.get $numEdges)))
        (local.set $j (i32.load (i32.add (local.get $src) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $i (i32.load (i32.add (local.get $dst) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $end (i32.add (local.get $op) (local.get $rowBytes)))
        (if (i32.and (i32.lt_u (local.get $j) (local.get $numSrc))
                     (i32.lt_u (local.get $i) (local.get $numDst)))
          (then
            (local.set $lp (i32.add (local.get $lhs) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $rp (i32.add (local.get $rhs) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $end4 (i32.add (local.get $op)
              (i32.shl (i32.and (local.get $rowSize) (i32.const -4)) (i32.const 2))))
            (block $lanes_done
              (loop $lanes
                (br_if $lanes_done (i32.ge_u (local.get $op) (local.get $end4)))
                (v128.store (local.get $op)
                  (if (result v128) (local.get $isMul)
                    (then (f32x4.mul (v128.load (local.get $lp)) (v128.load (local.get $rp))))
                    (else (f32x4.add (v128.load (local.get $lp)) (v128.load (local.get $rp))))))
                (local.set $op (i32.add (local.get $op) (i32.const 16)))
                (local.set $lp (i32.add (local.get $lp) (i32.const 16)))
                (local.set $rp (i32.add (local.get $rp) (i32.const 16)))
                (br $lanes)))
            (block $tail_done
              (loop $tail
                (br_if $tail_done (i32.ge_u (local.get $op) (local.get $end)))
                (f32.store (local.get $op)
                  (if (result f32) (local.get $isMul)
                    (then (f32.mul (f32.load (local.get $lp)) (f32.load (local.get $rp))))
                    (else (f32.add (f32.load (local.get $lp)) (f32.load (local.get $rp))))))
                (local.set $op (i32.add (local.get $op) (i32.const 4)))
                (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
                (local.set $rp (i32.add (local.get $rp) (i32.const 4)))
                (br $tail))))
          (else
            (memory.fill (local.get $op) (i32.const 0) (local.get $rowBytes))
            (local.set $op (local.get $end))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $edges))))

  ;; out[s] = Σ_{e: ids[e] = s} data[e] over rows of `rowSize` values, in edge
  ;; order; rows whose id is out of range are skipped.
  (func (export "segment_sum")
    (param $data i32) (param $ids i32) (param $numRows i32) (param $numSegments i32)
    (param $rowSize i32) (param $out i32)
    (local $e i32) (local $s i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $rowSize) (i32.const 2)))
    (memory.fill (local.get $out) (i32.const 0) (i32.mul (local.get $numSegments) (local.get $rowBytes)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $e) (local.get $numRows)))
        (local.set $s (i32.load (i32.add (local.get $ids) (i32.shl (local.get $e) (i32.const 2)))))
        (if (i32.lt_u (local.get $s) (local.get $numSegments))
          (then
            (call $axpy (f32.const 1)
              (i32.add (local.get $data) (i32.mul (local.get $e) (local.get $rowBytes)))
              (i32.add (local.get $out) (i32.mul (local.get $s) (local.get $rowBytes)))
              (local.get $rowSize))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $rows))))

  ;; e^x for x ≤ 0 (a logit minus its segment's maximum), accurate to well
  ;; under a float32 ulp: x = k·ln2 + r with |r| ≤ ln2/2, e^r by its degree-8
  ;; Taylor polynomial (error < 3e-10), times 2^k built from its exponent bits.
  ;; Below -104, e^x rounds to 0 in float32; NaN stays NaN.
  (func $exp_nonpositive (param $x f64) (result f64)
    (local $k f64) (local $r f64) (local $r2 f64) (local $r4 f64) (local $p f64)
    (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $x))))
    (if (f64.lt (local.get $x) (f64.const -104)) (then (return (f64.const 0))))
    (local.set $k (f64.nearest (f64.mul (local.get $x) (f64.const 1.4426950408889634))))
    (local.set $r (f64.sub
      (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 0.6931471803691238)))
      (f64.mul (local.get $k) (f64.const 1.9082149292705877e-10))))
    ;; Estrin's scheme: a shallow dependency chain instead of Horner's nine
    ;; sequential steps (about twice as fast here).
    (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
    (local.set $r4 (f64.mul (local.get $r2) (local.get $r2)))
    (local.set $p (f64.add
      (f64.add
        (f64.add (f64.const 1) (local.get $r))
        (f64.mul (local.get $r2)
          (f64.add (f64.const 0.5) (f64.mul (local.get $r) (f64.const 0.16666666666666666)))))
      (f64.mul (local.get $r4)
        (f64.add
          (f64.add
            (f64.add (f64.const 0.041666666666666664) (f64.mul (local.get $r) (f64.const 0.008333333333333333)))
            (f64.mul (local.get $r2)
              (f64.add (f64.const 0.001388888888888889) (f64.mul (local.get $r) (f64.const 0.0001984126984126984)))))
          (f64.mul (local.get $r4) (f64.const 0.0000248015873015873))))))
    (f64.mul (local.get $p)
      (f64.reinterpret_i64 (i64.shl
        (i64.add (i64.trunc_f64_s (local.get $k)) (i64.const 1023)) (i64.const 52)))))

  ;; $exp_nonpositive on two lanes, with the same operations in the same
  ;; order (so each lane equals the scalar result bit for bit). NaN needs no
  ;; test: it fails `< -104`, truncates to k = 0 and stays NaN through p.
  (func $exp_nonpositive_x2 (param $x v128) (result v128)
    (local $k v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $p v128)
    (local.set $k (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
    (local.set $r (f64x2.sub
      (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 0.6931471803691238 0.6931471803691238)))
      (f64x2.mul (local.get $k) (v128.const f64x2 1.9082149292705877e-10 1.9082149292705877e-10))))
    (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
    (local.set $p (f64x2.add
      (f64x2.add
        (f64x2.add (v128.const f64x2 1 1) (local.get $r))
        (f64x2.mul (local.get $r2)
          (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $r) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))))
      (f64x2.mul (local.get $r4)
        (f64x2.add
          (f64x2.add
            (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664)
              (f64x2.mul (local.get $r) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
            (f64x2.mul (local.get $r2)
              (f64x2.add (v128.const f64x2 0.001388888888888889 0.001388888888888889)
                (f64x2.mul (local.get $r) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))))
          (f64x2.mul (local.get $r4) (v128.const f64x2 0.0000248015873015873 0.0000248015873015873))))))
    (v128.bitselect
      (v128.const f64x2 0 0)
      (f64x2.mul (local.get $p)
        (i64x2.shl
          (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k)))
            (v128.const i64x2 1023 1023))
          (i32.const 52)))
      (f64x2.lt (local.get $x) (v128.const f64x2 -104 -104))))

  ;; Edge softmax over the rows of each segment, per column: subtract the
  ;; segment's maximum, exponentiate, divide by the segment's sum. `scratch`
  ;; holds 2 · numSegments · rowSize floats (maxima, then sums). Rows whose id
  ;; is out of range give 0.
  (func (export "segment_softmax")
    (param $logits i32) (param $ids i32) (param $numRows i32) (param $numSegments i32)
    (param $rowSize i32) (param $out i32) (param $scratch i32)
    (local $e i32) (local $s i32) (local $d i32) (local $rowBytes i32)
    (local $sums i32) (local $p i32) (local $end i32)
    (local $lp i32) (local $mp i32) (local $op i32) (local $sp i32) (local $z f32)
    (local $end2 i32) (local $z2 v128)
    (local.set $rowBytes (i32.shl (local.get $rowSize) (i32.const 2)))
    (local.set $sums (i32.add (local.get $scratch)
      (i32.mul (local.get $numSegments) (local.get $rowBytes))))
    ;; Maxima start at -∞, sums at 0.
    (local.set $p (local.get $scratch))
    (block $fill_done
      (loop $fill
        (br_if $fill_done (i32.ge_u (local.get $p) (local.get $sums)))
        (f32.store (local.get $p) (f32.const -inf))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $fill)))
    (memory.fill (local.get $sums) (i32.const 0) (i32.mul (local.get $numSegments) (local.get $rowBytes)))
    ;; Pass 1: maxima (f32.max keeps NaN, as a NaN logit must).
    (local.set $e (i32.const 0))
    (block $max_done
      (loop $max
        (br_if $max_done (i32.ge_u (local.get $e) (local.get $numRows)))
        (local.set $s (i32.load (i32.add (local.get $ids) (i32.shl (local.get $e) (i32.const 2)))))
        (if (i32.lt_u (local.get $s) (local.get $numSegments))
          (then
            (local.set $lp (i32.add (local.get $logits) (i32.mul (local.get $e) (local.get $rowBytes))))
            (local.set $mp (i32.add (local.get $scratch) (i32.mul (local.get $s) (local.get $rowBytes))))
            (local.set $end (i32.add (local.get $lp) (local.get $rowBytes)))
            (block $cols_done
              (loop $cols
                (br_if $cols_done (i32.ge_u (local.get $lp) (local.get $end)))
                (f32.store (local.get $mp) (f32.max (f32.load (local.get $mp)) (f32.load (local.get $lp))))
                (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
                (local.set $mp (i32.add (local.get $mp) (i32.const 4)))
                (br $cols)))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $max)))
    ;; Pass 2: numerators (rounded to float32, the values pass 3 divides) and sums.
    (local.set $e (i32.const 0))
    (block $exp_done
      (loop $exp
        (br_if $exp_done (i32.ge_u (local.get $e) (local.get $numRows)))
        (local.set $s (i32.load (i32.add (local.get $ids) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $op (i32.add (local.get $out) (i32.mul (local.get $e) (local.get $rowBytes))))
        (if (i32.lt_u (local.get $s) (local.get $numSegments))
          (then
            (local.set $lp (i32.add (local.get $logits) (i32.mul (local.get $e) (local.get $rowBytes))))
            (local.set $mp (i32.add (local.get $scratch) (i32.mul (local.get $s) (local.get $rowBytes))))
            (local.set $sp (i32.add (local.get $sums) (i32.mul (local.get $s) (local.get $rowBytes))))
            (local.set $end (i32.add (local.get $lp) (local.get $rowBytes)))
            ;; Two columns at a time through the f64x2 exp, then an odd last one.
            (local.set $end2 (i32.add (local.get $lp) (i32.shl (i32.and (local.get $rowSize) (i32.const -2)) (i32.const 2))))
            (block $pairs_done
              (loop $pairs
                (br_if $pairs_done (i32.ge_u (local.get $lp) (local.get $end2)))
                (local.set $z2 (f32x4.demote_f64x2_zero (call $exp_nonpositive_x2
                  (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $lp)))
                             (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $mp)))))))
                (v128.store64_lane 0 (local.get $op) (local.get $z2))
                (v128.store64_lane 0 (local.get $sp) (f32x4.add (v128.load64_zero (local.get $sp)) (local.get $z2)))
                (local.set $lp (i32.add (local.get $lp) (i32.const 8)))
                (local.set $mp (i32.add (local.get $mp) (i32.const 8)))
                (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
                (local.set $op (i32.add (local.get $op) (i32.const 8)))
                (br $pairs)))
            (block $cols_done
              (loop $cols
                (br_if $cols_done (i32.ge_u (local.get $lp) (local.get $end)))
                (local.set $z (f32.demote_f64 (call $exp_nonpositive
                  (f64.sub (f64.promote_f32 (f32.load (local.get $lp)))
                           (f64.promote_f32 (f32.load (local.get $mp)))))))
                (f32.store (local.get $op) (local.get $z))
                (f32.store (local.get $sp) (f32.add (f32.load (local.get $sp)) (local.get $z)))
                (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
                (local.set $mp (i32.add (local.get $mp) (i32.const 4)))
                (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
                (local.set $op (i32.add (local.get $op) (i32.const 4)))
                (br $cols))))
          (else (memory.fill (local.get $op) (i32.const 0) (local.get $rowBytes))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $exp)))
    ;; Pass 3: divide by the sums.
    (local.set $e (i32.const 0))
    (block $div_done
      (loop $div
        (br_if $div_done (i32.ge_u (local.get $e) (local.get $numRows)))
        (local.set $s (i32.load (i32.add (local.get $ids) (i32.shl (local.get $e) (i32.const 2)))))
        (if (i32.lt_u (local.get $s) (local.get $numSegments))
          (then
            (local.set $op (i32.add (local.get $out) (i32.mul (local.get $e) (local.get $rowBytes))))
            (local.set $sp (i32.add (local.get $sums) (i32.mul (local.get $s) (local.get $rowBytes))))
            (local.set $end (i32.add (local.get $op) (local.get $rowBytes)))
            (block $cols_done
              (loop $cols
                (br_if $cols_done (i32.ge_u (local.get $op) (local.get $end)))
                (f32.store (local.get $op) (f32.div (f32.load (local.get $op)) (f32.load (local.get $sp))))
                (local.set $op (i32.add (local.get $op) (i32.const 4)))
                (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
                (br $cols)))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $div))))

  ;; out[e] = x[indices[e]] for rows of `rowSize` values; zeros for an index
  ;; out of range.
  (func (export "gather_rows")
    (param $x i32) (param $indices i32) (param $numIndices i32) (param $numRows i32)
    (param $rowSize i32) (param $out i32)
    (local $e i32) (local $row i32) (local $rowBytes i32) (local $op i32)
    (local.set $rowBytes (i32.shl (local.get $rowSize) (i32.const 2)))
    (local.set $op (local.get $out))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $e) (local.get $numIndices)))
        (local.set $row (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))))
        (if (i32.lt_u (local.get $row) (local.get $numRows))
          (then (memory.copy (local.get $op)
            (i32.add (local.get $x) (i32.mul (local.get $row) (local.get $rowBytes)))
            (local.get $rowBytes)))
          (else (memory.fill (local.get $op) (i32.const 0) (local.get $rowBytes))))
        (local.set $op (i32.add (local.get $op) (local.get $rowBytes)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $rows))))
  ;; out = a · b for a: [m, k] mostly zero, b: [k, n] dense: out[i] += a[i, p] · b[p]
  ;; for every non-zero a[i, p], found four entries at a time. Returns the
  ;; number of non-zeros, or -1 as soon as there are more than maxNnz (out is
  ;; then incomplete and the caller runs a dense product instead). NaN counts
  ;; as non-zero, so it propagates as in a dense product.
  (func (export "sparse_left_matmul")
    (param $a i32) (param $b i32) (param $m i32) (param $k i32) (param $n i32)
    (param $out i32) (param $maxNnz i32) (result i32)
    (local $i i32) (local $p i32) (local $k4 i32) (local $row i32) (local $orow i32)
    (local $nnz i32) (local $v v128) (local $lane i32) (local $x f32) (local $rowBytesB i32)
    (local.set $rowBytesB (i32.shl (local.get $n) (i32.const 2)))
    (memory.fill (local.get $out) (i32.const 0) (i32.mul (local.get $m) (local.get $rowBytesB)))
    (local.set $k4 (i32.and (local.get $k) (i32.const -4)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $row (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 2))))
        (local.set $orow (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rowBytesB))))
        (local.set $p (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $p) (local.get $k)))
            (if (i32.lt_u (local.get $p) (local.get $k4))
              (then
                (local.set $v (v128.load (i32.add (local.get $row) (i32.shl (local.get $p) (i32.const 2)))))
                ;; Four zeros (the common case) are skipped in one test.
                (if (i32.eqz (v128.any_true (f32x4.ne (local.get $v) (v128.const f32x4 0 0 0 0))))
                  (then
                    (local.set $p (i32.add (local.get $p) (i32.const 4)))
                    (br $cols)))
                (local.set $lane (i32.const 4)))
              (else (local.set $lane (i32.const 1))))
            ;; Handle `lane` entries from p one by one.
            (loop $one
              (local.set $x (f32.load (i32.add (local.get $row) (i32.shl (local.get $p) (i32.const 2)))))
              (if (f32.ne (local.get $x) (f32.const 0))
                (then
                  (local.set $nnz (i32.add (local.get $nnz) (i32.const 1)))
                  (if (i32.gt_u (local.get $nnz) (local.get $maxNnz)) (then (return (i32.const -1))))
                  (call $axpy (local.get $x)
                    (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $rowBytesB)))
                    (local.get $orow) (local.get $n))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (local.set $lane (i32.sub (local.get $lane) (i32.const 1)))
              (br_if $one (local.get $lane)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $nnz))

  ;; out = a · b for a: [m, k] dense (few rows), b: [k, n] mostly zero. Built
  ;; transposed so the inner loop runs over contiguous rows: with aT = aᵀ and
  ;; outT = outᵀ in `scratch` ((k + n) · m floats), outT[j] += b[p, j] · aT[p]
  ;; for every non-zero b[p, j]; then out = outTᵀ. Returns as sparse_left_matmul.
  (func (export "sparse_right_matmul")
    (param $a i32) (param $b i32) (param $m i32) (param $k i32) (param $n i32)
    (param $out i32) (param $scratch i32) (param $maxNnz i32) (result i32)
    (local $aT i32) (local $outT i32) (local $i i32) (local $p i32) (local $j i32)
    (local $n4 i32) (local $row i32) (local $nnz i32) (local $v v128) (local $lane i32) (local $x f32)
    (local $rowBytesT i32)
    (local.set $aT (local.get $scratch))
    (local.set $rowBytesT (i32.shl (local.get $m) (i32.const 2)))
    (local.set $outT (i32.add (local.get $scratch) (i32.mul (local.get $k) (local.get $rowBytesT))))
    (memory.fill (local.get $outT) (i32.const 0) (i32.mul (local.get $n) (local.get $rowBytesT)))
    ;; aT[p, i] = a[i, p]
    (block $ti_done
      (loop $ti
        (br_if $ti_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $p (i32.const 0))
        (block $tp_done
          (loop $tp
            (br_if $tp_done (i32.ge_u (local.get $p) (local.get $k)))
            (f32.store
              (i32.add (local.get $aT) (i32.shl (i32.add (i32.mul (local.get $p) (local.get $m)) (local.get $i)) (i32.const 2)))
              (f32.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k)) (local.get $p)) (i32.const 2)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $tp)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $ti)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (local.set $p (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $row (i32.add (local.get $b) (i32.shl (i32.mul (local.get $p) (local.get $n)) (i32.const 2))))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (if (i32.lt_u (local.get $j) (local.get $n4))
              (then
                (local.set $v (v128.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))))
                (if (i32.eqz (v128.any_true (f32x4.ne (local.get $v) (v128.const f32x4 0 0 0 0))))
                  (then
                    (local.set $j (i32.add (local.get $j) (i32.const 4)))
                    (br $cols)))
                (local.set $lane (i32.const 4)))
              (else (local.set $lane (i32.const 1))))
            (loop $one
              (local.set $x (f32.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))))
              (if (f32.ne (local.get $x) (f32.const 0))
                (then
                  (local.set $nnz (i32.add (local.get $nnz) (i32.const 1)))
                  (if (i32.gt_u (local.get $nnz) (local.get $maxNnz)) (then (return (i32.const -1))))
                  (call $axpy (local.get $x)
                    (i32.add (local.get $aT) (i32.mul (local.get $p) (local.get $rowBytesT)))
                    (i32.add (local.get $outT) (i32.mul (local.get $j) (local.get $rowBytesT)))
                    (local.get $m))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (local.set $lane (i32.sub (local.get $lane) (i32.const 1)))
              (br_if $one (local.get $lane)))
            (br $cols)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rows)))
    ;; out[i, j] = outT[j, i]
    (local.set $j (i32.const 0))
    (block $tj_done
      (loop $tj
        (br_if $tj_done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $i (i32.const 0))
        (block $tk_done
          (loop $tk
            (br_if $tk_done (i32.ge_u (local.get $i) (local.get $m)))
            (f32.store
              (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
              (f32.load (i32.add (local.get $outT) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $m)) (local.get $i)) (i32.const 2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $tk)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tj)))
    (local.get $nnz))
  ;; lowbias32 (C. Wellons) on four lanes; the scalar twin is hash32 in
  ;; @gnnjs/core's kernels/dropout_mask.ts.
  (func $hash32x4 (param $v v128) (result v128)
    (local.set $v (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 16))))
    (local.set $v (i32x4.mul (local.get $v) (v128.const i32x4 0x7feb352d 0x7feb352d 0x7feb352d 0x7feb352d)))
    (local.set $v (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 15))))
    (local.set $v (i32x4.mul (local.get $v) (v128.const i32x4 0x846ca68b 0x846ca68b 0x846ca68b 0x846ca68b)))
    (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 16))))

  ;; Dropout with GnnDropout's counter-based mask: out[i] = x[i] · mask[i],
  ;; mask[i] = scale when hash32(hash32(i) ^ key) >>> 1 ≥ threshold, else 0.
  ;; A block of four zeros is copied without drawing its mask (x · mask is
  ;; then x itself, signed zeros included).
  (func (export "dropout")
    (param $x i32) (param $size i32) (param $key i32) (param $threshold i32) (param $scale f32) (param $out i32)
    (local $i i32) (local $size4 i32) (local $v v128) (local $keep v128) (local $idx v128)
    (local $keySplat v128) (local $thresholdSplat v128) (local $scaleSplat v128)
    (local.set $size4 (i32.and (local.get $size) (i32.const -4)))
    (local.set $idx (v128.const i32x4 0 1 2 3))
    (local.set $keySplat (i32x4.splat (local.get $key)))
    (local.set $thresholdSplat (i32x4.splat (local.get $threshold)))
    (local.set $scaleSplat (f32x4.splat (local.get $scale)))
    (block $done4
      (loop $lanes
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $size4)))
        (local.set $v (v128.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2)))))
        (if (v128.any_true (f32x4.ne (local.get $v) (v128.const f32x4 0 0 0 0)))
          (then
            ;; Draws are 31 bits, so a signed comparison is exact.
            (local.set $keep (i32x4.ge_s
              (i32x4.shr_u
                (call $hash32x4 (v128.xor (call $hash32x4 (local.get $idx)) (local.get $keySplat)))
                (i32.const 1))
              (local.get $thresholdSplat)))
            (local.set $v (f32x4.mul (local.get $v) (v128.and (local.get $keep) (local.get $scaleSplat))))))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $v))
        (local.set $idx (i32x4.add (local.get $idx) (v128.const i32x4 4 4 4 4)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $lanes)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $size)))
        (local.set $keep (i32x4.ge_s
          (i32x4.shr_u
            (call $hash32x4 (v128.xor (call $hash32x4 (i32x4.splat (local.get $i))) (local.get $keySplat)))
            (i32.const 1))
          (local.get $thresholdSplat)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (f32.mul (f32.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2))))
            (f32x4.extract_lane 0 (v128.and (local.get $keep) (local.get $scaleSplat)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))
  ;; Backward of segment_softmax: out = y · (dy − Σ_segment dy · y) per column,
  ;; with the per-segment sums in `scratch` (numSegments · rowSize floats).
  ;; Rows whose id is out of range give 0. Same float32 operations, in the same
  ;; order, as segmentSoftmaxGradImpl.
  (func (export "segment_softmax_grad")
    (param $y i32) (param $dy i32) (param $ids i32) (param $numRows i32) (param $numSegments i32)
    (param $rowSize i32) (param $out i32) (param $scratch i32)
    (local $e i32) (local $s i32) (local $rowBytes i32) (local $offset i32)
    (local $yp i32) (local $gp i32) (local $sp i32) (local $op i32) (local $end4 i32) (local $end i32)
    (local.set $rowBytes (i32.shl (local.get $rowSize) (i32.const 2)))
    (memory.fill (local.get $scratch) (i32.const 0) (i32.mul (local.get $numSegments) (local.get $rowBytes)))
    (block $dots_done
      (loop $dots
        (br_if $dots_done (i32.ge_u (local.get $e) (local.get $numRows)))
        (local.set $s (i32.load (i32.add (local.get $ids) (i32.shl (local.get $e) (i32.const 2)))))
        (if (i32.lt_u (local.get $s) (local.get $numSegments))
          (then
            (local.set $offset (i32.mul (local.get $e) (local.get $rowBytes)))
            (call $fma_rows
              (i32.add (local.get $dy) (local.get $offset))
              (i32.add (local.get $y) (local.get $offset))
              (i32.add (local.get $scratch) (i32.mul (local.get $s) (local.get $rowBytes)))
              (local.get $rowSize))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $dots)))
    (local.set $e (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $e) (local.get $numRows)))
        (local.set $s (i32.load (i32.add (local.get $ids) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $offset (i32.mul (local.get $e) (local.get $rowBytes)))
        (local.set $op (i32.add (local.get $out) (local.get $offset)))
        (if (i32.lt_u (local.get $s) (local.get $numSegments))
          (then
            (local.set $yp (i32.add (local.get $y) (local.get $offset)))
            (local.set $gp (i32.add (local.get $dy) (local.get $offset)))
            (local.set $sp (i32.add (local.get $scratch) (i32.mul (local.get $s) (local.get $rowBytes))))
            (local.set $end (i32.add (local.get $op) (local.get $rowBytes)))
            (local.set $end4 (i32.add (local.get $op)
              (i32.shl (i32.and (local.get $rowSize) (i32.const -4)) (i32.const 2))))
            (block $lanes_done
              (loop $lanes
                (br_if $lanes_done (i32.ge_u (local.get $op) (local.get $end4)))
                (v128.store (local.get $op)
                  (f32x4.mul (v128.load (local.get $yp))
                    (f32x4.sub (v128.load (local.get $gp)) (v128.load (local.get $sp)))))
                (local.set $op (i32.add (local.get $op) (i32.const 16)))
                (local.set $yp (i32.add (local.get $yp) (i32.const 16)))
                (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
                (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
                (br $lanes)))
            (block $tail_done
              (loop $tail
                (br_if $tail_done (i32.ge_u (local.get $op) (local.get $end)))
                (f32.store (local.get $op)
                  (f32.mul (f32.load (local.get $yp))
                    (f32.sub (f32.load (local.get $gp)) (f32.load (local.get $sp)))))
                (local.set $op (i32.add (local.get $op) (i32.const 4)))
                (local.set $yp (i32.add (local.get $yp) (i32.const 4)))
                (local.set $gp (i32.add (local.get $gp) (i32.const 4)))
                (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
                (br $tail))))
          (else (memory.fill (local.get $op) (i32.const 0) (local.get $rowBytes))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $rows))))
  ;; Additive (GATv2) attention logits: out[e, h] = Σ_c att[h, c] ·
  ;; LeakyReLU(lhs[src_e, h, c] + rhs[dst_e, h, c]), four channels at a time;
  ;; 0 for an edge out of range. The [E, H, C] sum is never stored.
  (func (export "additive_attention")
    (param $src i32) (param $dst i32) (param $numEdges i32)
    (param $lhs i32) (param $rhs i32) (param $att i32) (param $out i32)
    (param $numSrc i32) (param $numDst i32) (param $heads i32) (param $channels i32) (param $slope f32)
    (local $e i32) (local $j i32) (local $i i32) (local $h i32) (local $c i32) (local $c4 i32)
    (local $rowBytes i32) (local $lp i32) (local $rp i32) (local $ap i32) (local $op i32)
    (local $acc v128) (local $z v128) (local $slopes v128) (local $sum f32) (local $zs f32)
    (local.set $rowBytes (i32.shl (i32.mul (local.get $heads) (local.get $channels)) (i32.const 2)))
    (local.set $c4 (i32.and (local.get $channels) (i32.const -4)))
    (local.set $slopes (f32x4.splat (local.get $slope)))
    (local.set $op (local.get $out))
    (block $edges_done
      (loop $edges
        (br_if $edges_done (i32.ge_u (local.get $e) (local.get $numEdges)))
        (local.set $j (i32.load (i32.add (local.get $src) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $i (i32.load (i32.add (local.get $dst) (i32.shl (local.get $e) (i32.const 2)))))
        (if (i32.and (i32.lt_u (local.get $j) (local.get $numSrc)) (i32.lt_u (local.get $i) (local.get $numDst)))
          (then
            (local.set $lp (i32.add (local.get $lhs) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $rp (i32.add (local.get $rhs) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $ap (local.get $att))
            (local.set $h (i32.const 0))
            (block $heads_done
              (loop $heads_loop
                (br_if $heads_done (i32.ge_u (local.get $h) (local.get $heads)))
                (local.set $acc (v128.const f32x4 0 0 0 0))
                (local.set $c (i32.const 0))
                (block $lanes_done
                  (loop $lanes
                    (br_if $lanes_done (i32.ge_u (local.get $c) (local.get $c4)))
                    (local.set $z (f32x4.add (v128.load (local.get $lp)) (v128.load (local.get $rp))))
                    (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (v128.load (local.get $ap))
                      (v128.bitselect (local.get $z) (f32x4.mul (local.get $z) (local.get $slopes))
                        (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0))))))
                    (local.set $lp (i32.add (local.get $lp) (i32.const 16)))
                    (local.set $rp (i32.add (local.get $rp) (i32.const 16)))
                    (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
                    (local.set $c (i32.add (local.get $c) (i32.const 4)))
                    (br $lanes)))
                (local.set $sum (f32.add
                  (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                  (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
                (block $tail_done
                  (loop $tail
                    (br_if $tail_done (i32.ge_u (local.get $c) (local.get $channels)))
                    (local.set $zs (f32.add (f32.load (local.get $lp)) (f32.load (local.get $rp))))
                    (local.set $sum (f32.add (local.get $sum) (f32.mul (f32.load (local.get $ap))
                      (select (local.get $zs) (f32.mul (local.get $zs) (local.get $slope))
                        (f32.gt (local.get $zs) (f32.const 0))))))
                    (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
                    (local.set $rp (i32.add (local.get $rp) (i32.const 4)))
                    (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (br $tail)))
                (f32.store (local.get $op) (local.get $sum))
                (local.set $op (i32.add (local.get $op) (i32.const 4)))
                (local.set $h (i32.add (local.get $h) (i32.const 1)))
                (br $heads_loop))))
          (else
            (memory.fill (local.get $op) (i32.const 0) (i32.shl (local.get $heads) (i32.const 2)))
            (local.set $op (i32.add (local.get $op) (i32.shl (local.get $heads) (i32.const 2))))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $edges))))

  ;; Backward of additive_attention for dy [E, H]: with z = lhs[src] + rhs[dst]
  ;; and g' = dy · LeakyReLU'(z) (the slope at z = 0), dLhs[src] and dRhs[dst]
  ;; gain g' · att, and dAtt gains g' · z, summed in float64 in `scratch`
  ;; (H · C doubles, 8-byte aligned) over all edges, then rounded once. Edge
  ;; order throughout, so the result is deterministic.
  (func (export "additive_attention_grad")
    (param $src i32) (param $dst i32) (param $numEdges i32)
    (param $lhs i32) (param $rhs i32) (param $att i32) (param $dy i32)
    (param $dLhs i32) (param $dRhs i32) (param $dAtt i32) (param $scratch i32)
    (param $numSrc i32) (param $numDst i32) (param $heads i32) (param $channels i32) (param $slope f32)
    (local $e i32) (local $j i32) (local $i i32) (local $h i32) (local $c i32) (local $c4 i32) (local $k i32)
    (local $rowBytes i32) (local $lp i32) (local $rp i32) (local $ap i32) (local $gp i32) (local $sp i32)
    (local $dlp i32) (local $drp i32)
    (local $z v128) (local $gs v128) (local $dz v128) (local $gz v128) (local $g f32) (local $slopes v128)
    (local $zs f32) (local $gss f32) (local $dzs f32)
    (local.set $rowBytes (i32.shl (i32.mul (local.get $heads) (local.get $channels)) (i32.const 2)))
    (local.set $c4 (i32.and (local.get $channels) (i32.const -4)))
    (local.set $slopes (f32x4.splat (local.get $slope)))
    (memory.fill (local.get $dLhs) (i32.const 0) (i32.mul (local.get $numSrc) (local.get $rowBytes)))
    (memory.fill (local.get $dRhs) (i32.const 0) (i32.mul (local.get $numDst) (local.get $rowBytes)))
    (memory.fill (local.get $scratch) (i32.const 0) (i32.shl (local.get $rowBytes) (i32.const 1)))
    (block $edges_done
      (loop $edges
        (br_if $edges_done (i32.ge_u (local.get $e) (local.get $numEdges)))
        (local.set $j (i32.load (i32.add (local.get $src) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $i (i32.load (i32.add (local.get $dst) (i32.shl (local.get $e) (i32.const 2)))))
        (if (i32.and (i32.lt_u (local.get $j) (local.get $numSrc)) (i32.lt_u (local.get $i) (local.get $numDst)))
          (then
            (local.set $lp (i32.add (local.get $lhs) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $dlp (i32.add (local.get $dLhs) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $rp (i32.add (local.get $rhs) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $drp (i32.add (local.get $dRhs) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $gp (i32.add (local.get $dy) (i32.shl (i32.mul (local.get $e) (local.get $heads)) (i32.const 2))))
            (local.set $ap (local.get $att))
            (local.set $sp (local.get $scratch))
            (local.set $h (i32.const 0))
            (block $heads_done
              (loop $heads_loop
                (br_if $heads_done (i32.ge_u (local.get $h) (local.get $heads)))
                (local.set $g (f32.load (local.get $gp)))
                (local.set $c (i32.const 0))
                (block $lanes_done
                  (loop $lanes
                    (br_if $lanes_done (i32.ge_u (local.get $c) (local.get $c4)))
                    (local.set $z (f32x4.add (v128.load (local.get $lp)) (v128.load (local.get $rp))))
                    (local.set $gs (f32x4.mul (f32x4.splat (local.get $g))
                      (v128.bitselect (v128.const f32x4 1 1 1 1) (local.get $slopes)
                        (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0)))))
                    (local.set $dz (f32x4.mul (local.get $gs) (v128.load (local.get $ap))))
                    (v128.store (local.get $dlp) (f32x4.add (v128.load (local.get $dlp)) (local.get $dz)))
                    (v128.store (local.get $drp) (f32x4.add (v128.load (local.get $drp)) (local.get $dz)))
                    (local.set $gz (f32x4.mul (local.get $gs) (local.get $z)))
                    (v128.store (local.get $sp) (f64x2.add (v128.load (local.get $sp)) (f64x2.promote_low_f32x4 (local.get $gz))))
                    (v128.store offset=16 (local.get $sp) (f64x2.add (v128.load offset=16 (local.get $sp))
                      (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $gz) (local.get $gz)))))
                    (local.set $lp (i32.add (local.get $lp) (i32.const 16)))
                    (local.set $rp (i32.add (local.get $rp) (i32.const 16)))
                    (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
                    (local.set $dlp (i32.add (local.get $dlp) (i32.const 16)))
                    (local.set $drp (i32.add (local.get $drp) (i32.const 16)))
                    (local.set $sp (i32.add (local.get $sp) (i32.const 32)))
                    (local.set $c (i32.add (local.get $c) (i32.const 4)))
                    (br $lanes)))
                (block $tail_done
                  (loop $tail
                    (br_if $tail_done (i32.ge_u (local.get $c) (local.get $channels)))
                    (local.set $zs (f32.add (f32.load (local.get $lp)) (f32.load (local.get $rp))))
                    (local.set $gss (f32.mul (local.get $g)
                      (select (f32.const 1) (local.get $slope) (f32.gt (local.get $zs) (f32.const 0)))))
                    (local.set $dzs (f32.mul (local.get $gss) (f32.load (local.get $ap))))
                    (f32.store (local.get $dlp) (f32.add (f32.load (local.get $dlp)) (local.get $dzs)))
                    (f32.store (local.get $drp) (f32.add (f32.load (local.get $drp)) (local.get $dzs)))
                    (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp))
                      (f64.promote_f32 (f32.mul (local.get $gss) (local.get $zs)))))
                    (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
                    (local.set $rp (i32.add (local.get $rp) (i32.const 4)))
                    (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
                    (local.set $dlp (i32.add (local.get $dlp) (i32.const 4)))
                    (local.set $drp (i32.add (local.get $drp) (i32.const 4)))
                    (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (br $tail)))
                (local.set $gp (i32.add (local.get $gp) (i32.const 4)))
                (local.set $h (i32.add (local.get $h) (i32.const 1)))
                (br $heads_loop)))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $edges)))
    ;; dAtt = the float64 sums, rounded once.
    (local.set $k (i32.const 0))
    (block $att_done
      (loop $att_loop
        (br_if $att_done (i32.ge_u (local.get $k) (i32.mul (local.get $heads) (local.get $channels))))
        (f32.store (i32.add (local.get $dAtt) (i32.shl (local.get $k) (i32.const 2)))
          (f32.demote_f64 (f64.load (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 3))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $att_loop))))

  ;; Σ_c a[c] · b[c] over n floats, four lanes at a time (lanes summed in
  ;; float32, then the tail).
  (func $dot (param $ap i32) (param $bp i32) (param $n i32) (result f32)
    (local $acc v128) (local $end4 i32) (local $end i32) (local $sum f32)
    (local.set $end (i32.add (local.get $ap) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $ap)
      (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4
      (loop $lanes
        (br_if $done4 (i32.ge_u (local.get $ap) (local.get $end4)))
        (local.set $acc (f32x4.add (local.get $acc)
          (f32x4.mul (v128.load (local.get $ap)) (v128.load (local.get $bp)))))
        (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
        (local.set $bp (i32.add (local.get $bp) (i32.const 16)))
        (br $lanes)))
    (local.set $sum (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $ap) (local.get $end)))
        (local.set $sum (f32.add (local.get $sum)
          (f32.mul (f32.load (local.get $ap)) (f32.load (local.get $bp)))))
        (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
        (local.set $bp (i32.add (local.get $bp) (i32.const 4)))
        (br $tail)))
    (local.get $sum))

  ;; Softmax probabilities of query i, head h over the n keys at order[first..]
  ;; (p[t] = exp(s_t − max) / Σ, s_t = scale · ⟨q_ih, k_jh⟩), written to $p;
  ;; returns nothing. Row strides in bytes: $keyRow; head offset $hk (bytes).
  (func $attention_row (param $q i32) (param $k i32) (param $order i32) (param $first i32) (param $n i32)
    (param $i i32) (param $hk i32) (param $keyRow i32) (param $keyDim i32) (param $scale f32) (param $p i32)
    (local $t i32) (local $qp i32) (local $s f32) (local $top f32) (local $e f64) (local $total f64) (local $inv f32)
    (local.set $qp (i32.add (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $keyRow))) (local.get $hk)))
    (local.set $top (f32.const -inf))
    (block $scores_done
      (loop $scores
        (br_if $scores_done (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $s (f32.mul (local.get $scale) (call $dot (local.get $qp)
          (i32.add (i32.add (local.get $k)
            (i32.mul (i32.load (i32.add (local.get $order) (i32.shl (i32.add (local.get $first) (local.get $t)) (i32.const 2))))
              (local.get $keyRow))) (local.get $hk))
          (local.get $keyDim))))
        (f32.store (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 2))) (local.get $s))
        (local.set $top (f32.max (local.get $top) (local.get $s)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $scores)))
    (local.set $t (i32.const 0))
    (block $exps_done
      (loop $exps
        (br_if $exps_done (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $e (call $exp_nonpositive (f64.promote_f32 (f32.sub
          (f32.load (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 2)))) (local.get $top)))))
        (f32.store (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 2))) (f32.demote_f64 (local.get $e)))
        (local.set $total (f64.add (local.get $total) (local.get $e)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $exps)))
    (local.set $inv (f32.demote_f64 (f64.div (f64.const 1) (local.get $total))))
    (local.set $t (i32.const 0))
    (block $norm_done
      (loop $norm
        (br_if $norm_done (i32.ge_u (local.get $t) (local.get $n)))
        (f32.store (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 2)))
          (f32.mul (f32.load (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 2)))) (local.get $inv)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $norm))))

  ;; GnnSegmentAttention without dropout: nodes grouped by segment (segment s
  ;; owns order[starts[s] .. starts[s+1])); for every node i of a segment and
  ;; head h, out[i, h] = Σ_t p_t · v[order[first + t], h]. `out` must be zeroed
  ;; (nodes outside every segment keep 0); `p` holds the largest segment's
  ;; probabilities. Keys in segment order, as the typed-array twin.
  (func (export "segment_attention")
    (param $q i32) (param $k i32) (param $v i32) (param $order i32) (param $starts i32) (param $numSegments i32)
    (param $heads i32) (param $keyDim i32) (param $valueDim i32) (param $scale f32) (param $out i32) (param $p i32)
    (local $s i32) (local $first i32) (local $n i32) (local $a i32) (local $i i32) (local $h i32) (local $t i32)
    (local $keyRow i32) (local $valueRow i32) (local $op i32)
    (local.set $keyRow (i32.shl (i32.mul (local.get $heads) (local.get $keyDim)) (i32.const 2)))
    (local.set $valueRow (i32.shl (i32.mul (local.get $heads) (local.get $valueDim)) (i32.const 2)))
    (block $segments_done
      (loop $segments
        (br_if $segments_done (i32.ge_u (local.get $s) (local.get $numSegments)))
        (local.set $first (i32.load (i32.add (local.get $starts) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $n (i32.sub (i32.load (i32.add (local.get $starts) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
          (local.get $first)))
        (local.set $a (i32.const 0))
        (block $queries_done
          (loop $queries
            (br_if $queries_done (i32.ge_u (local.get $a) (local.get $n)))
            (local.set $i (i32.load (i32.add (local.get $order) (i32.shl (i32.add (local.get $first) (local.get $a)) (i32.const 2)))))
            (local.set $h (i32.const 0))
            (block $heads_done
              (loop $heads_loop
                (br_if $heads_done (i32.ge_u (local.get $h) (local.get $heads)))
                (call $attention_row (local.get $q) (local.get $k) (local.get $order) (local.get $first) (local.get $n)
                  (local.get $i) (i32.shl (i32.mul (local.get $h) (local.get $keyDim)) (i32.const 2))
                  (local.get $keyRow) (local.get $keyDim) (local.get $scale) (local.get $p))
                (local.set $op (i32.add (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $valueRow)))
                  (i32.shl (i32.mul (local.get $h) (local.get $valueDim)) (i32.const 2))))
                (local.set $t (i32.const 0))
                (block $keys_done
                  (loop $keys
                    (br_if $keys_done (i32.ge_u (local.get $t) (local.get $n)))
                    (call $axpy (f32.load (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 2))))
                      (i32.add (i32.add (local.get $v)
                        (i32.mul (i32.load (i32.add (local.get $order) (i32.shl (i32.add (local.get $first) (local.get $t)) (i32.const 2))))
                          (local.get $valueRow)))
                        (i32.shl (i32.mul (local.get $h) (local.get $valueDim)) (i32.const 2)))
                      (local.get $op) (local.get $valueDim))
                    (local.set $t (i32.add (local.get $t) (i32.const 1)))
                    (br $keys)))
                (local.set $h (i32.add (local.get $h) (i32.const 1)))
                (br $heads_loop)))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $queries)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $segments))))

  ;; Backward of segment_attention (no dropout), one query row at a time as the
  ;; typed-array twin: with D = ⟨dy_ih, output_ih⟩ and dA_t = ⟨dy_ih, v_jh⟩,
  ;; dv_jh += p_t · dy_ih, dS = p_t · (dA_t − D) · scale, dq_ih += dS · k_jh,
  ;; dk_jh += dS · q_ih. dq, dk, dv must be zeroed.
  (func (export "segment_attention_grad")
    (param $q i32) (param $k i32) (param $v i32) (param $order i32) (param $starts i32) (param $numSegments i32)
    (param $heads i32) (param $keyDim i32) (param $valueDim i32) (param $scale f32)
    (param $output i32) (param $dy i32) (param $dq i32) (param $dk i32) (param $dv i32) (param $p i32)
    (local $s i32) (local $first i32) (local $n i32) (local $a i32) (local $i i32) (local $j i32) (local $h i32) (local $t i32)
    (local $keyRow i32) (local $valueRow i32) (local $hk i32) (local $hv i32) (local $gp i32) (local $qp i32) (local $dqp i32)
    (local $rowDot f32) (local $pt f32) (local $dS f32)
    (local.set $keyRow (i32.shl (i32.mul (local.get $heads) (local.get $keyDim)) (i32.const 2)))
    (local.set $valueRow (i32.shl (i32.mul (local.get $heads) (local.get $valueDim)) (i32.const 2)))
    (block $segments_done
      (loop $segments
        (br_if $segments_done (i32.ge_u (local.get $s) (local.get $numSegments)))
        (local.set $first (i32.load (i32.add (local.get $starts) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $n (i32.sub (i32.load (i32.add (local.get $starts) (i32.shl (i32.add (local.get $s) (i32.const 1)) (i32.const 2))))
          (local.get $first)))
        (local.set $a (i32.const 0))
        (block $queries_done
          (loop $queries
            (br_if $queries_done (i32.ge_u (local.get $a) (local.get $n)))
            (local.set $i (i32.load (i32.add (local.get $order) (i32.shl (i32.add (local.get $first) (local.get $a)) (i32.const 2)))))
            (local.set $h (i32.const 0))
            (block $heads_done
              (loop $heads_loop
                (br_if $heads_done (i32.ge_u (local.get $h) (local.get $heads)))
                (local.set $hk (i32.shl (i32.mul (local.get $h) (local.get $keyDim)) (i32.const 2)))
                (local.set $hv (i32.shl (i32.mul (local.get $h) (local.get $valueDim)) (i32.const 2)))
                (call $attention_row (local.get $q) (local.get $k) (local.get $order) (local.get $first) (local.get $n)
                  (local.get $i) (local.get $hk) (local.get $keyRow) (local.get $keyDim) (local.get $scale) (local.get $p))
                (local.set $gp (i32.add (i32.add (local.get $dy) (i32.mul (local.get $i) (local.get $valueRow))) (local.get $hv)))
                (local.set $qp (i32.add (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $keyRow))) (local.get $hk)))
                (local.set $dqp (i32.add (i32.add (local.get $dq) (i32.mul (local.get $i) (local.get $keyRow))) (local.get $hk)))
                (local.set $rowDot (call $dot (local.get $gp)
                  (i32.add (i32.add (local.get $output) (i32.mul (local.get $i) (local.get $valueRow))) (local.get $hv))
                  (local.get $valueDim)))
                (local.set $t (i32.const 0))
                (block $keys_done
                  (loop $keys
                    (br_if $keys_done (i32.ge_u (local.get $t) (local.get $n)))
                    (local.set $j (i32.load (i32.add (local.get $order) (i32.shl (i32.add (local.get $first) (local.get $t)) (i32.const 2)))))
                    (local.set $pt (f32.load (i32.add (local.get $p) (i32.shl (local.get $t) (i32.const 2)))))
                    (local.set $dS (f32.mul (f32.mul (local.get $pt)
                      (f32.sub (call $dot (local.get $gp)
                        (i32.add (i32.add (local.get $v) (i32.mul (local.get $j) (local.get $valueRow))) (local.get $hv))
                        (local.get $valueDim)) (local.get $rowDot)))
                      (local.get $scale)))
                    (call $axpy (local.get $pt) (local.get $gp)
                      (i32.add (i32.add (local.get $dv) (i32.mul (local.get $j) (local.get $valueRow))) (local.get $hv))
                      (local.get $valueDim))
                    (call $axpy (local.get $dS)
                      (i32.add (i32.add (local.get $k) (i32.mul (local.get $j) (local.get $keyRow))) (local.get $hk))
                      (local.get $dqp) (local.get $keyDim))
                    (call $axpy (local.get $dS) (local.get $qp)
                      (i32.add (i32.add (local.get $dk) (i32.mul (local.get $j) (local.get $keyRow))) (local.get $hk))
                      (local.get $keyDim))
                    (local.set $t (i32.add (local.get $t) (i32.const 1)))
                    (br $keys)))
                (local.set $h (i32.add (local.get $h) (i32.const 1)))
                (br $heads_loop)))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $queries)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $segments))))

  ;; out = A · b for A: [m, k] given by its non-zeros in compressed sparse
  ;; rows (int32 rowStart [m + 1], int32 cols and float32 vals [nnz]) and b:
  ;; [k, n] dense. The same sums in the same order as sparse_left_matmul, without
  ;; the scan (the caller keeps the non-zeros of constant features).
  (func (export "csr_left_matmul")
    (param $rowStart i32) (param $cols i32) (param $vals i32) (param $b i32)
    (param $m i32) (param $n i32) (param $out i32)
    (local $i i32) (local $q i32) (local $end i32) (local $orow i32) (local $rowBytesB i32)
    (local.set $rowBytesB (i32.shl (local.get $n) (i32.const 2)))
    (memory.fill (local.get $out) (i32.const 0) (i32.mul (local.get $m) (local.get $rowBytesB)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $orow (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rowBytesB))))
        (local.set $q (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $rowStart) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
        (block $nz_done
          (loop $nz
            (br_if $nz_done (i32.ge_u (local.get $q) (local.get $end)))
            (call $axpy (f32.load (i32.add (local.get $vals) (i32.shl (local.get $q) (i32.const 2))))
              (i32.add (local.get $b) (i32.mul (i32.load (i32.add (local.get $cols) (i32.shl (local.get $q) (i32.const 2)))) (local.get $rowBytesB)))
              (local.get $orow) (local.get $n))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $nz)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; out = a · B for a: [m, k] dense and B: [k, n] in compressed sparse rows
  ;; (as csr_left_matmul); `scratch` holds (k + n) · m floats. The same sums in
  ;; the same order as sparse_right_matmul, without the scan.
  (func (export "csr_right_matmul")
    (param $a i32) (param $rowStart i32) (param $cols i32) (param $vals i32)
    (param $m i32) (param $k i32) (param $n i32) (param $out i32) (param $scratch i32)
    (local $aT i32) (local $outT i32) (local $i i32) (local $p i32) (local $j i32)
    (local $q i32) (local $end i32) (local $rowBytesT i32)
    (local.set $aT (local.get $scratch))
    (local.set $rowBytesT (i32.shl (local.get $m) (i32.const 2)))
    (local.set $outT (i32.add (local.get $scratch) (i32.mul (local.get $k) (local.get $rowBytesT))))
    (memory.fill (local.get $outT) (i32.const 0) (i32.mul (local.get $n) (local.get $rowBytesT)))
    ;; aT[p, i] = a[i, p]
    (block $ti_done
      (loop $ti
        (br_if $ti_done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $p (i32.const 0))
        (block $tp_done
          (loop $tp
            (br_if $tp_done (i32.ge_u (local.get $p) (local.get $k)))
            (f32.store
              (i32.add (local.get $aT) (i32.shl (i32.add (i32.mul (local.get $p) (local.get $m)) (local.get $i)) (i32.const 2)))
              (f32.load (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k)) (local.get $p)) (i32.const 2)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $tp)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $ti)))
    ;; outT[j] += B[p, j] · aT[p] over the non-zeros, row p by row p.
    (local.set $p (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $q (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $rowStart) (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 2)))))
        (block $nz_done
          (loop $nz
            (br_if $nz_done (i32.ge_u (local.get $q) (local.get $end)))
            (call $axpy (f32.load (i32.add (local.get $vals) (i32.shl (local.get $q) (i32.const 2))))
              (i32.add (local.get $aT) (i32.mul (local.get $p) (local.get $rowBytesT)))
              (i32.add (local.get $outT) (i32.mul (i32.load (i32.add (local.get $cols) (i32.shl (local.get $q) (i32.const 2)))) (local.get $rowBytesT)))
              (local.get $m))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $nz)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rows)))
    ;; out[i, j] = outT[j, i]
    (local.set $j (i32.const 0))
    (block $tj_done
      (loop $tj
        (br_if $tj_done (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $i (i32.const 0))
        (block $tk_done
          (loop $tk
            (br_if $tk_done (i32.ge_u (local.get $i) (local.get $m)))
            (f32.store
              (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
              (f32.load (i32.add (local.get $outT) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $m)) (local.get $i)) (i32.const 2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $tk)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tj))))

  ;; ---- Fused attention: GnnAttentionProjection, GnnSoftmaxAggregate, GnnGatAttention ----

  ;; out[n, h] = Σ_c x[n, h, c] · att[h, c], summed in float64 in channel order
  ;; (the typed-array twin's numbers).
  (func (export "attention_projection")
    (param $x i32) (param $att i32) (param $n i32) (param $heads i32) (param $channels i32) (param $out i32)
    (local $r i32) (local $total i32) (local $h i32) (local $c i32) (local $xp i32) (local $ap i32) (local $acc f64)
    (local.set $total (i32.mul (local.get $n) (local.get $heads)))
    (local.set $xp (local.get $x))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $total)))
        (local.set $ap (i32.add (local.get $att) (i32.shl (i32.mul (local.get $h) (local.get $channels)) (i32.const 2))))
        (local.set $acc (f64.const 0))
        (local.set $c (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $c) (local.get $channels)))
            (local.set $acc (f64.add (local.get $acc)
              (f64.mul (f64.promote_f32 (f32.load (local.get $xp))) (f64.promote_f32 (f32.load (local.get $ap))))))
            (local.set $xp (i32.add (local.get $xp) (i32.const 4)))
            (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $cols)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2))) (f32.demote_f64 (local.get $acc)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (if (i32.eq (local.get $h) (local.get $heads)) (then (local.set $h (i32.const 0))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; Its backward: dx[n, h, c] = dy[n, h] · att[h, c]; dAtt[h, c] = Σ_n dy[n, h] ·
  ;; x[n, h, c] with float64 accumulators in `scratch` (heads · channels of
  ;; them, 8-byte aligned), in node order.
  (func (export "attention_projection_grad")
    (param $x i32) (param $att i32) (param $dy i32) (param $n i32) (param $heads i32) (param $channels i32)
    (param $dx i32) (param $dAtt i32) (param $scratch i32)
    (local $r i32) (local $total i32) (local $h i32) (local $c i32) (local $k i32) (local $rowSize i32)
    (local $xp i32) (local $dxp i32) (local $ap i32) (local $sp i32) (local $g f32)
    (local.set $total (i32.mul (local.get $n) (local.get $heads)))
    (local.set $rowSize (i32.mul (local.get $heads) (local.get $channels)))
    (memory.fill (local.get $scratch) (i32.const 0) (i32.shl (local.get $rowSize) (i32.const 3)))
    (local.set $xp (local.get $x))
    (local.set $dxp (local.get $dx))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $total)))
        (local.set $g (f32.load (i32.add (local.get $dy) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $ap (i32.add (local.get $att) (i32.shl (i32.mul (local.get $h) (local.get $channels)) (i32.const 2))))
        (local.set $sp (i32.add (local.get $scratch) (i32.shl (i32.mul (local.get $h) (local.get $channels)) (i32.const 3))))
        (local.set $c (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $c) (local.get $channels)))
            (f32.store (local.get $dxp) (f32.mul (local.get $g) (f32.load (local.get $ap))))
            (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp))
              (f64.mul (f64.promote_f32 (local.get $g)) (f64.promote_f32 (f32.load (local.get $xp))))))
            (local.set $xp (i32.add (local.get $xp) (i32.const 4)))
            (local.set $dxp (i32.add (local.get $dxp) (i32.const 4)))
            (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $cols)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (if (i32.eq (local.get $h) (local.get $heads)) (then (local.set $h (i32.const 0))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
    (block $acc_done
      (loop $acc
        (br_if $acc_done (i32.ge_u (local.get $k) (local.get $rowSize)))
        (f32.store (i32.add (local.get $dAtt) (i32.shl (local.get $k) (i32.const 2)))
          (f32.demote_f64 (f64.load (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 3))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $acc))))

  ;; Dropout factors of edge e's heads: m[h] = scale where flat entry e·H + h
  ;; is kept (GnnDropout's mask), else 0; written for h < H rounded up to 4.
  (func $head_mask (param $e i32) (param $heads i32) (param $key i32) (param $threshold i32) (param $scale f32) (param $mp i32)
    (local $h i32) (local $idx v128) (local $keep v128)
    (local.set $idx (i32x4.add (i32x4.splat (i32.mul (local.get $e) (local.get $heads))) (v128.const i32x4 0 1 2 3)))
    (block $done
      (loop $groups
        (br_if $done (i32.ge_u (local.get $h) (local.get $heads)))
        ;; Draws are 31 bits, so a signed comparison is exact.
        (local.set $keep (i32x4.ge_s
          (i32x4.shr_u (call $hash32x4 (v128.xor (call $hash32x4 (local.get $idx)) (i32x4.splat (local.get $key)))) (i32.const 1))
          (i32x4.splat (local.get $threshold))))
        (v128.store (i32.add (local.get $mp) (i32.shl (local.get $h) (i32.const 2)))
          (v128.and (local.get $keep) (f32x4.splat (local.get $scale))))
        (local.set $idx (i32x4.add (local.get $idx) (v128.const i32x4 4 4 4 4)))
        (local.set $h (i32.add (local.get $h) (i32.const 4)))
        (br $groups))))

  ;; e^x on four float32 lanes for x ≤ 0 (a logit minus its target's
  ;; maximum), within 2 ulp: x = k·ln2 + r (ln2 in two parts), e^r by its
  ;; degree-6 Taylor polynomial, times 2^k from its exponent bits; e^0 is
  ;; exactly 1. Below -87 (where e^x leaves float32's normal range) 0; NaN
  ;; stays NaN.
  (func $exp_nonpositive_x4 (param $x v128) (result v128)
    (local $k v128) (local $r v128) (local $p v128)
    (local.set $k (f32x4.nearest (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
    (local.set $r (f32x4.sub
      (f32x4.sub (local.get $x) (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $p (f32x4.add (v128.const f32x4 0.008333333 0.008333333 0.008333333 0.008333333)
      (f32x4.mul (local.get $r) (v128.const f32x4 0.0013888889 0.0013888889 0.0013888889 0.0013888889))))
    (local.set $p (f32x4.add (v128.const f32x4 0.041666668 0.041666668 0.041666668 0.041666668) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (v128.const f32x4 0.16666667 0.16666667 0.16666667 0.16666667) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $r) (local.get $p))))
    (v128.bitselect
      (v128.const f32x4 0 0 0 0)
      (f32x4.mul (local.get $p)
        (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $k)) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
      (f32x4.lt (local.get $x) (v128.const f32x4 -87 -87 -87 -87))))

  ;; The coefficients α of the edges into target i (order[t0 .. t1)), every
  ;; head, into $vals ([t1 − t0, H] floats): the logits (from $logits when it
  ;; is not 0, else LeakyReLU(scoreSrc[src_e] + scoreDst[i]) as
  ;; additive_attention computes it with one channel), the target's maximum,
  ;; the numerators and their float32 sum, the quotients: segment_softmax's
  ;; steps, four heads at a time (their exponentials in float32, within 2 ulp
  ;; of segment_softmax's). $maxp and $sump hold H floats each, rounded up to 4.
  (func $target_softmax
    (param $src i32) (param $order i32) (param $t0 i32) (param $t1 i32) (param $i i32)
    (param $logits i32) (param $scoreSrc i32) (param $scoreDst i32) (param $slope f32) (param $heads i32)
    (param $vals i32) (param $maxp i32) (param $sump i32)
    (local $t i32) (local $q i32) (local $vp i32) (local $end i32) (local $rowBytes i32) (local $hp i32) (local $dp i32)
    (local $bytes4 i32) (local $l f32) (local $z f32) (local $v v128) (local $slopes v128)
    (local.set $rowBytes (i32.shl (local.get $heads) (i32.const 2)))
    (local.set $bytes4 (i32.shl (i32.and (local.get $heads) (i32.const -4)) (i32.const 2)))
    (local.set $slopes (f32x4.splat (local.get $slope)))
    (block $fill_done
      (loop $fill
        (br_if $fill_done (i32.ge_u (local.get $q) (local.get $rowBytes)))
        (v128.store (i32.add (local.get $maxp) (local.get $q)) (v128.const f32x4 -inf -inf -inf -inf))
        (v128.store (i32.add (local.get $sump) (local.get $q)) (v128.const f32x4 0 0 0 0))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $fill)))
    ;; Pass 1: logits and maxima (max keeps NaN, as a NaN logit must).
    (local.set $vp (local.get $vals))
    (local.set $dp (i32.add (local.get $scoreDst) (i32.mul (local.get $i) (local.get $rowBytes))))
    (local.set $t (local.get $t0))
    (block $logits_done
      (loop $edges
        (br_if $logits_done (i32.ge_u (local.get $t) (local.get $t1)))
        (local.set $hp (i32.load (i32.add (local.get $order) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $hp (if (result i32) (local.get $logits)
          (then (i32.add (local.get $logits) (i32.mul (local.get $hp) (local.get $rowBytes))))
          (else (i32.add (local.get $scoreSrc)
            (i32.mul (i32.load (i32.add (local.get $src) (i32.shl (local.get $hp) (i32.const 2)))) (local.get $rowBytes))))))
        (local.set $q (i32.const 0))
        (block $fours_done
          (loop $fours
            (br_if $fours_done (i32.ge_u (local.get $q) (local.get $bytes4)))
            (local.set $v (v128.load (i32.add (local.get $hp) (local.get $q))))
            (if (i32.eqz (local.get $logits))
              (then
                (local.set $v (f32x4.add (local.get $v) (v128.load (i32.add (local.get $dp) (local.get $q)))))
                (local.set $v (v128.bitselect (local.get $v) (f32x4.mul (local.get $v) (local.get $slopes))
                  (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0))))))
            (v128.store (i32.add (local.get $vp) (local.get $q)) (local.get $v))
            (v128.store (i32.add (local.get $maxp) (local.get $q))
              (f32x4.max (v128.load (i32.add (local.get $maxp) (local.get $q))) (local.get $v)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $fours)))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $q) (local.get $rowBytes)))
            (local.set $l (f32.load (i32.add (local.get $hp) (local.get $q))))
            (if (i32.eqz (local.get $logits))
              (then
                (local.set $z (f32.add (local.get $l) (f32.load (i32.add (local.get $dp) (local.get $q)))))
                (local.set $l (select (local.get $z) (f32.mul (local.get $z) (local.get $slope)) (f32.gt (local.get $z) (f32.const 0))))))
            (f32.store (i32.add (local.get $vp) (local.get $q)) (local.get $l))
            (f32.store (i32.add (local.get $maxp) (local.get $q))
              (f32.max (f32.load (i32.add (local.get $maxp) (local.get $q))) (local.get $l)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $tail)))
        (local.set $vp (i32.add (local.get $vp) (local.get $rowBytes)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $edges)))
    ;; Pass 2: numerators and their float32 sums, four heads at a time
    ;; (the rest through the float64 routine).
    (local.set $end (local.get $vp))
    (local.set $vp (local.get $vals))
    (block $exp_done
      (loop $exp_rows
        (br_if $exp_done (i32.ge_u (local.get $vp) (local.get $end)))
        (local.set $q (i32.const 0))
        (block $fours_done
          (loop $fours
            (br_if $fours_done (i32.ge_u (local.get $q) (local.get $bytes4)))
            (local.set $v (call $exp_nonpositive_x4
              (f32x4.sub (v128.load (i32.add (local.get $vp) (local.get $q))) (v128.load (i32.add (local.get $maxp) (local.get $q))))))
            (v128.store (i32.add (local.get $vp) (local.get $q)) (local.get $v))
            (v128.store (i32.add (local.get $sump) (local.get $q))
              (f32x4.add (v128.load (i32.add (local.get $sump) (local.get $q))) (local.get $v)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $fours)))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $q) (local.get $rowBytes)))
            (local.set $z (f32.demote_f64 (call $exp_nonpositive
              (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $vp) (local.get $q))))
                       (f64.promote_f32 (f32.load (i32.add (local.get $maxp) (local.get $q))))))))
            (f32.store (i32.add (local.get $vp) (local.get $q)) (local.get $z))
            (f32.store (i32.add (local.get $sump) (local.get $q))
              (f32.add (f32.load (i32.add (local.get $sump) (local.get $q))) (local.get $z)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $tail)))
        (local.set $vp (i32.add (local.get $vp) (local.get $rowBytes)))
        (br $exp_rows)))
    ;; Pass 3: divide by the sums.
    (local.set $vp (local.get $vals))
    (block $div_done
      (loop $div_rows
        (br_if $div_done (i32.ge_u (local.get $vp) (local.get $end)))
        (local.set $q (i32.const 0))
        (block $fours_done
          (loop $fours
            (br_if $fours_done (i32.ge_u (local.get $q) (local.get $bytes4)))
            (v128.store (i32.add (local.get $vp) (local.get $q))
              (f32x4.div (v128.load (i32.add (local.get $vp) (local.get $q))) (v128.load (i32.add (local.get $sump) (local.get $q)))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $fours)))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $q) (local.get $rowBytes)))
            (f32.store (i32.add (local.get $vp) (local.get $q))
              (f32.div (f32.load (i32.add (local.get $vp) (local.get $q))) (f32.load (i32.add (local.get $sump) (local.get $q)))))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $tail)))
        (local.set $vp (i32.add (local.get $vp) (local.get $rowBytes)))
        (br $div_rows))))

  ;; GnnSoftmaxAggregate ($logits ≠ 0) and GnnGatAttention ($logits = 0): per
  ;; target i (edges order[start[i] .. start[i+1]), grouped by target in edge
  ;; order), the coefficients α, their dropout ($dropping: factor m of flat
  ;; entry e·H + h) and out[i, h] = Σ α · m · x[src_e, h] in edge order, as
  ;; segment_softmax, dropout and spmm compute it. $scratch: 4 · H (rounded up
  ;; to 4) floats, then the largest target's degree · H.
  (func (export "attention_aggregate")
    (param $src i32) (param $order i32) (param $start i32) (param $numDst i32)
    (param $x i32) (param $logits i32) (param $scoreSrc i32) (param $scoreDst i32) (param $slope f32)
    (param $heads i32) (param $channels i32)
    (param $dropping i32) (param $key i32) (param $threshold i32) (param $scale f32)
    (param $out i32) (param $scratch i32)
    (local $i i32) (local $t0 i32) (local $t1 i32) (local $t i32) (local $e i32) (local $h i32) (local $hb i32)
    (local $rowBytes i32) (local $headBytes i32) (local $pad i32) (local $eight i32)
    (local $maxp i32) (local $sump i32) (local $mp i32) (local $vals i32) (local $vp i32) (local $op i32) (local $xp i32) (local $a f32)
    (local $av v128) (local $xq i32) (local $oq i32)
    (local.set $headBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $heads) (local.get $headBytes)))
    (local.set $eight (i32.eq (local.get $channels) (i32.const 8)))
    (local.set $pad (i32.shl (i32.and (i32.add (local.get $heads) (i32.const 3)) (i32.const -4)) (i32.const 2)))
    (local.set $maxp (local.get $scratch))
    (local.set $sump (i32.add (local.get $maxp) (local.get $pad)))
    (local.set $mp (i32.add (local.get $sump) (local.get $pad)))
    (local.set $vals (i32.add (local.get $mp) (i32.shl (local.get $pad) (i32.const 1))))
    (memory.fill (local.get $out) (i32.const 0) (i32.mul (local.get $numDst) (local.get $rowBytes)))
    (block $targets_done
      (loop $targets
        (br_if $targets_done (i32.ge_u (local.get $i) (local.get $numDst)))
        (local.set $t0 (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $t1 (i32.load (i32.add (local.get $start) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
        (if (i32.lt_u (local.get $t0) (local.get $t1))
          (then
            (call $target_softmax (local.get $src) (local.get $order) (local.get $t0) (local.get $t1) (local.get $i)
              (local.get $logits) (local.get $scoreSrc) (local.get $scoreDst) (local.get $slope) (local.get $heads)
              (local.get $vals) (local.get $maxp) (local.get $sump))
            (local.set $op (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $vp (local.get $vals))
            (local.set $t (local.get $t0))
            (block $edges_done
              (loop $edges
                (br_if $edges_done (i32.ge_u (local.get $t) (local.get $t1)))
                (local.set $e (i32.load (i32.add (local.get $order) (i32.shl (local.get $t) (i32.const 2)))))
                (local.set $xp (i32.add (local.get $x)
                  (i32.mul (i32.load (i32.add (local.get $src) (i32.shl (local.get $e) (i32.const 2)))) (local.get $rowBytes))))
                (if (local.get $dropping)
                  (then (call $head_mask (local.get $e) (local.get $heads) (local.get $key) (local.get $threshold) (local.get $scale) (local.get $mp))))
                (local.set $h (i32.const 0))
                (local.set $hb (i32.const 0))
                (block $heads_done
                  (loop $heads_loop
                    (br_if $heads_done (i32.ge_u (local.get $h) (local.get $heads)))
                    (local.set $a (f32.load (i32.add (local.get $vp) (i32.shl (local.get $h) (i32.const 2)))))
                    (if (local.get $dropping)
                      (then (local.set $a (f32.mul (local.get $a) (f32.load (i32.add (local.get $mp) (i32.shl (local.get $h) (i32.const 2))))))))
                    (if (local.get $eight)
                      (then (block
                        (local.set $av (f32x4.splat (local.get $a)))
                        (local.set $xq (i32.add (local.get $xp) (local.get $hb)))
                        (local.set $oq (i32.add (local.get $op) (local.get $hb)))
                        (v128.store (local.get $oq) (f32x4.add (v128.load (local.get $oq)) (f32x4.mul (local.get $av) (v128.load (local.get $xq)))))
                        (v128.store offset=16 (local.get $oq)
                          (f32x4.add (v128.load offset=16 (local.get $oq)) (f32x4.mul (local.get $av) (v128.load offset=16 (local.get $xq)))))))
                      (else (call $axpy (local.get $a) (i32.add (local.get $xp) (local.get $hb)) (i32.add (local.get $op) (local.get $hb))
                        (local.get $channels))))
                    (local.set $hb (i32.add (local.get $hb) (local.get $headBytes)))
                    (local.set $h (i32.add (local.get $h) (i32.const 1)))
                    (br $heads_loop)))
                (local.set $vp (i32.add (local.get $vp) (i32.shl (local.get $heads) (i32.const 2))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $edges)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $targets))))

  ;; Its backward for dy: per target, α recomputed; g = m · ⟨x_j, dy_i⟩ per edge
  ;; and head (kept in the scratch after α), D = Σ g · α, dLogit = α · (g − D);
  ;; dx_j += α · m · dy_i. The logit gradient goes to dLogits[e, h] ($logits ≠ 0)
  ;; or, times LeakyReLU's slope, to dScoreSrc[src_e, h] and dScoreDst[i, h].
  ;; Every output is zeroed first. $scratch: 4 · H (rounded up to 4) floats,
  ;; then twice the largest target's degree · H ($maxDegree).
  (func (export "attention_aggregate_grad")
    (param $src i32) (param $order i32) (param $start i32) (param $numDst i32) (param $numSrc i32) (param $numEdges i32)
    (param $x i32) (param $logits i32) (param $scoreSrc i32) (param $scoreDst i32) (param $slope f32)
    (param $heads i32) (param $channels i32)
    (param $dropping i32) (param $key i32) (param $threshold i32) (param $scale f32)
    (param $dy i32) (param $dx i32) (param $dLogits i32) (param $dScoreSrc i32) (param $dScoreDst i32)
    (param $scratch i32) (param $maxDegree i32)
    (local $i i32) (local $t0 i32) (local $t1 i32) (local $t i32) (local $e i32) (local $j i32) (local $h i32)
    (local $rowBytes i32) (local $headBytes i32) (local $headRow i32) (local $pad i32) (local $eight i32)
    (local $maxp i32) (local $sump i32) (local $mp i32) (local $dots i32) (local $vals i32) (local $gs i32)
    (local $vp i32) (local $gp i32) (local $ip i32) (local $xp i32) (local $dxp i32) (local $p i32) (local $q i32)
    (local $a f32) (local $g f32) (local $w f32) (local $dl f32) (local $z f32)
    (local $av v128) (local $acc v128) (local $xq i32) (local $oq i32)
    (local.set $headBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $heads) (local.get $headBytes)))
    (local.set $headRow (i32.shl (local.get $heads) (i32.const 2)))
    (local.set $eight (i32.eq (local.get $channels) (i32.const 8)))
    (local.set $pad (i32.shl (i32.and (i32.add (local.get $heads) (i32.const 3)) (i32.const -4)) (i32.const 2)))
    (local.set $maxp (local.get $scratch))
    (local.set $sump (i32.add (local.get $maxp) (local.get $pad)))
    (local.set $mp (i32.add (local.get $sump) (local.get $pad)))
    (local.set $dots (i32.add (local.get $mp) (local.get $pad)))
    (local.set $vals (i32.add (local.get $dots) (local.get $pad)))
    (local.set $gs (i32.add (local.get $vals) (i32.mul (local.get $maxDegree) (local.get $headRow))))
    (memory.fill (local.get $dx) (i32.const 0) (i32.mul (local.get $numSrc) (local.get $rowBytes)))
    (if (local.get $logits)
      (then (memory.fill (local.get $dLogits) (i32.const 0) (i32.mul (local.get $numEdges) (local.get $headRow))))
      (else
        (memory.fill (local.get $dScoreSrc) (i32.const 0) (i32.mul (local.get $numSrc) (local.get $headRow)))
        (memory.fill (local.get $dScoreDst) (i32.const 0) (i32.mul (local.get $numDst) (local.get $headRow)))))
    (block $targets_done
      (loop $targets
        (br_if $targets_done (i32.ge_u (local.get $i) (local.get $numDst)))
        (local.set $t0 (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $t1 (i32.load (i32.add (local.get $start) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
        (if (i32.lt_u (local.get $t0) (local.get $t1))
          (then
            (call $target_softmax (local.get $src) (local.get $order) (local.get $t0) (local.get $t1) (local.get $i)
              (local.get $logits) (local.get $scoreSrc) (local.get $scoreDst) (local.get $slope) (local.get $heads)
              (local.get $vals) (local.get $maxp) (local.get $sump))
            (memory.fill (local.get $dots) (i32.const 0) (local.get $pad))
            (local.set $ip (i32.add (local.get $dy) (i32.mul (local.get $i) (local.get $rowBytes))))
            ;; Pass 1: g, D and dx.
            (local.set $vp (local.get $vals))
            (local.set $gp (local.get $gs))
            (local.set $t (local.get $t0))
            (block $edges_done
              (loop $edges
                (br_if $edges_done (i32.ge_u (local.get $t) (local.get $t1)))
                (local.set $e (i32.load (i32.add (local.get $order) (i32.shl (local.get $t) (i32.const 2)))))
                (local.set $j (i32.load (i32.add (local.get $src) (i32.shl (local.get $e) (i32.const 2)))))
                (local.set $xp (i32.add (local.get $x) (i32.mul (local.get $j) (local.get $rowBytes))))
                (local.set $dxp (i32.add (local.get $dx) (i32.mul (local.get $j) (local.get $rowBytes))))
                (if (local.get $dropping)
                  (then (call $head_mask (local.get $e) (local.get $heads) (local.get $key) (local.get $threshold) (local.get $scale) (local.get $mp))))
                (local.set $h (i32.const 0))
                (local.set $p (i32.const 0))
                (block $heads_done
                  (loop $heads_loop
                    (br_if $heads_done (i32.ge_u (local.get $h) (local.get $heads)))
                    (local.set $q (i32.shl (local.get $h) (i32.const 2)))
                    (local.set $a (f32.load (i32.add (local.get $vp) (local.get $q))))
                    (local.set $g (if (result f32) (local.get $eight)
                      (then
                        (local.set $xq (i32.add (local.get $xp) (local.get $p)))
                        (local.set $oq (i32.add (local.get $ip) (local.get $p)))
                        (local.set $acc (f32x4.add
                          (f32x4.mul (v128.load (local.get $xq)) (v128.load (local.get $oq)))
                          (f32x4.mul (v128.load offset=16 (local.get $xq)) (v128.load offset=16 (local.get $oq)))))
                        (f32.add
                          (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                          (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
                      (else (call $dot (i32.add (local.get $xp) (local.get $p)) (i32.add (local.get $ip) (local.get $p)) (local.get $channels)))))
                    (local.set $w (local.get $a))
                    (if (local.get $dropping)
                      (then
                        (local.set $g (f32.mul (local.get $g) (f32.load (i32.add (local.get $mp) (local.get $q)))))
                        (local.set $w (f32.mul (local.get $a) (f32.load (i32.add (local.get $mp) (local.get $q)))))))
                    (f32.store (i32.add (local.get $gp) (local.get $q)) (local.get $g))
                    (f32.store (i32.add (local.get $dots) (local.get $q))
                      (f32.add (f32.load (i32.add (local.get $dots) (local.get $q))) (f32.mul (local.get $g) (local.get $a))))
                    (if (local.get $eight)
                      (then (block
                        (local.set $av (f32x4.splat (local.get $w)))
                        (local.set $xq (i32.add (local.get $ip) (local.get $p)))
                        (local.set $oq (i32.add (local.get $dxp) (local.get $p)))
                        (v128.store (local.get $oq) (f32x4.add (v128.load (local.get $oq)) (f32x4.mul (local.get $av) (v128.load (local.get $xq)))))
                        (v128.store offset=16 (local.get $oq)
                          (f32x4.add (v128.load offset=16 (local.get $oq)) (f32x4.mul (local.get $av) (v128.load offset=16 (local.get $xq)))))))
                      (else (call $axpy (local.get $w) (i32.add (local.get $ip) (local.get $p)) (i32.add (local.get $dxp) (local.get $p))
                        (local.get $channels))))
                    (local.set $p (i32.add (local.get $p) (local.get $headBytes)))
                    (local.set $h (i32.add (local.get $h) (i32.const 1)))
                    (br $heads_loop)))
                (local.set $vp (i32.add (local.get $vp) (local.get $headRow)))
                (local.set $gp (i32.add (local.get $gp) (local.get $headRow)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $edges)))
            ;; Pass 2: the logit gradient.
            (local.set $vp (local.get $vals))
            (local.set $gp (local.get $gs))
            (local.set $t (local.get $t0))
            (block $edges_done
              (loop $edges
                (br_if $edges_done (i32.ge_u (local.get $t) (local.get $t1)))
                (local.set $e (i32.load (i32.add (local.get $order) (i32.shl (local.get $t) (i32.const 2)))))
                (local.set $j (i32.load (i32.add (local.get $src) (i32.shl (local.get $e) (i32.const 2)))))
                (local.set $h (i32.const 0))
                (block $heads_done
                  (loop $heads_loop
                    (br_if $heads_done (i32.ge_u (local.get $h) (local.get $heads)))
                    (local.set $q (i32.shl (local.get $h) (i32.const 2)))
                    (local.set $dl (f32.mul (f32.load (i32.add (local.get $vp) (local.get $q)))
                      (f32.sub (f32.load (i32.add (local.get $gp) (local.get $q))) (f32.load (i32.add (local.get $dots) (local.get $q))))))
                    (if (local.get $logits)
                      (then
                        (f32.store (i32.add (local.get $dLogits) (i32.add (i32.mul (local.get $e) (local.get $headRow)) (local.get $q))) (local.get $dl)))
                      (else
                        (local.set $p (i32.add (local.get $dScoreSrc) (i32.add (i32.mul (local.get $j) (local.get $headRow)) (local.get $q))))
                        (local.set $z (f32.add
                          (f32.load (i32.add (local.get $scoreSrc) (i32.add (i32.mul (local.get $j) (local.get $headRow)) (local.get $q))))
                          (f32.load (i32.add (local.get $scoreDst) (i32.add (i32.mul (local.get $i) (local.get $headRow)) (local.get $q))))))
                        (local.set $dl (select (local.get $dl) (f32.mul (local.get $dl) (local.get $slope)) (f32.gt (local.get $z) (f32.const 0))))
                        (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (local.get $dl)))
                        (local.set $p (i32.add (local.get $dScoreDst) (i32.add (i32.mul (local.get $i) (local.get $headRow)) (local.get $q))))
                        (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (local.get $dl)))))
                    (local.set $h (i32.add (local.get $h) (i32.const 1)))
                    (br $heads_loop)))
                (local.set $vp (i32.add (local.get $vp) (local.get $headRow)))
                (local.set $gp (i32.add (local.get $gp) (local.get $headRow)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $edges)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $targets))))
)
