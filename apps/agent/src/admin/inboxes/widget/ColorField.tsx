import { ColorPicker, Input, Space } from 'antd';
import { HEX_COLOR } from './settings-model';

/** A colour as `#rrggbb`: picked from the palette or typed. */
export function ColorField(props: { value?: string; onChange?: (value: string) => void; testId?: string }) {
  const value = props.value ?? '';
  return (
    <Space.Compact>
      <ColorPicker
        value={HEX_COLOR.test(value) ? value : undefined}
        disabledAlpha
        format="hex"
        onChange={(color) => props.onChange?.(color.toHexString())}
      />
      <Input
        value={value}
        maxLength={7}
        onChange={(e) => props.onChange?.(e.target.value.trim())}
        style={{ width: 110, fontFamily: 'monospace' }}
        data-testid={props.testId}
      />
    </Space.Compact>
  );
}
