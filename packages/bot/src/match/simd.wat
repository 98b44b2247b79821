(module
  (memory (export "memory") 1)
  ;; out[i] = dot(q, m + i*d) for i < n. Byte offsets; d a multiple of 8 floats; all 16-byte aligned.
  (func (export "scan") (param $q i32) (param $m i32) (param $n i32) (param $d i32) (param $out i32)
    (local $j i32) (local $bytes i32) (local $end i32) (local $a v128) (local $b v128)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $a (v128.const f32x4 0 0 0 0))
        (local.set $b (v128.const f32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $rowdone
          (loop $cols
            (br_if $rowdone (i32.ge_u (local.get $j) (local.get $bytes)))
            (local.set $a (f32x4.add (local.get $a)
              (f32x4.mul (v128.load (i32.add (local.get $q) (local.get $j)))
                         (v128.load (i32.add (local.get $m) (local.get $j))))))
            (local.set $b (f32x4.add (local.get $b)
              (f32x4.mul (v128.load offset=16 (i32.add (local.get $q) (local.get $j)))
                         (v128.load offset=16 (i32.add (local.get $m) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 32)))
            (br $cols)))
        (local.set $a (f32x4.add (local.get $a) (local.get $b)))
        (f32.store (local.get $out)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $a)) (f32x4.extract_lane 1 (local.get $a)))
            (f32.add (f32x4.extract_lane 2 (local.get $a)) (f32x4.extract_lane 3 (local.get $a)))))
        (local.set $m (i32.add (local.get $m) (local.get $bytes)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $rows))))
)
