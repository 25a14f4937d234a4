/**
 * The target description gdb reads with qXfer:features:read:target.xml: the registers the
 * stub's g packet carries, in its order, with the feature names gdb's aarch64 support
 * looks for (org.gnu.gdb.aarch64.core and .fpu), so gdb names them x0..x30, sp, pc, cpsr,
 * v0..v31 (shown as a union of lanes: `p $v0`), fpsr and fpcr.
 */

function vectorTypes(): string {
  // Per lane width: gdb's field name, element type and count (the layout qemu's stub gives too).
  const groups: Array<[string, Array<[string, string]>, number]> = [
    ['vnd', [['f', 'ieee_double'], ['u', 'uint64'], ['s', 'int64']], 2],
    ['vns', [['f', 'ieee_single'], ['u', 'uint32'], ['s', 'int32']], 4],
    ['vnh', [['bf', 'bfloat16'], ['f', 'ieee_half'], ['u', 'uint16'], ['s', 'int16']], 8],
    ['vnb', [['u', 'uint8'], ['s', 'int8']], 16],
    ['vnq', [['u', 'uint128'], ['s', 'int128']], 1],
  ];
  let out = '';
  for (const [id, fields, count] of groups) {
    for (const [name, type] of fields) out += `<vector id="${id}${name}" type="${type}" count="${count}"/>\n`;
    out += `<union id="${id}">${fields.map(([name]) => `<field name="${name}" type="${id}${name}"/>`).join('')}</union>\n`;
  }
  const lanes = ['d', 's', 'h', 'b', 'q'];
  return out + `<union id="aarch64v">${lanes.map((l) => `<field name="${l}" type="vn${l}"/>`).join('')}</union>`;
}

function coreFeature(): string {
  const x = Array.from({ length: 31 }, (_, i) => `<reg name="x${i}" bitsize="64" type="int" regnum="${i}"/>`).join('\n');
  return `<feature name="org.gnu.gdb.aarch64.core">
<flags id="cpsr_flags" size="4"><field name="SP" start="0" end="0"/><field name="EL" start="2" end="3"/><field name="nRW" start="4" end="4"/><field name="F" start="6" end="6"/><field name="I" start="7" end="7"/><field name="A" start="8" end="8"/><field name="D" start="9" end="9"/><field name="V" start="28" end="28"/><field name="C" start="29" end="29"/><field name="Z" start="30" end="30"/><field name="N" start="31" end="31"/></flags>
${x}
<reg name="sp" bitsize="64" type="data_ptr" regnum="31"/>
<reg name="pc" bitsize="64" type="code_ptr" regnum="32"/>
<reg name="cpsr" bitsize="32" type="cpsr_flags" regnum="33"/>
</feature>`;
}

function fpuFeature(): string {
  const v = Array.from({ length: 32 }, (_, i) => `<reg name="v${i}" bitsize="128" type="aarch64v" regnum="${34 + i}"/>`).join('\n');
  return `<feature name="org.gnu.gdb.aarch64.fpu">
${vectorTypes()}
${v}
<reg name="fpsr" bitsize="32" type="int" regnum="66"/>
<reg name="fpcr" bitsize="32" type="int" regnum="67"/>
</feature>`;
}

export const TARGET_XML = `<?xml version="1.0"?>
<!DOCTYPE target SYSTEM "gdb-target.dtd">
<target version="1.0">
<architecture>aarch64</architecture>
<osabi>GNU/Linux</osabi>
${coreFeature()}
${fpuFeature()}
</target>
`;
