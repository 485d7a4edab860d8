import { z } from 'zod';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour');
const assetUrl = z.string().max(2048).regex(/^(https:\/\/|\/)/, 'an https:// or site-relative URL');

// theme_settings as the spec draws it; every part optional with a sober default.
export const themeSettingsSchema = z.object({
  colors: z
    .object({
      primary: color.default('#2563EB'),
      secondary: color.default('#7C3AED'),
      accent: color.default('#F59E0B'),
      background: color.default('#FFFFFF'),
      text: color.default('#0F172A'),
    })
    .default({ primary: '#2563EB', secondary: '#7C3AED', accent: '#F59E0B', background: '#FFFFFF', text: '#0F172A' }),
  typography: z
    .object({
      fontFamily: z.string().max(80).regex(/^[\w\s-]+$/).default('Inter'),
      headingFont: z.string().max(80).regex(/^[\w\s-]+$/).default('Inter'),
      fontSize: z.object({ base: z.string().regex(/^\d{1,2}px$/).default('16px'), scale: z.number().min(1).max(2).default(1.25) }).default({ base: '16px', scale: 1.25 }),
    })
    .default({ fontFamily: 'Inter', headingFont: 'Inter', fontSize: { base: '16px', scale: 1.25 } }),
  logo: z.object({ light: assetUrl.optional(), dark: assetUrl.optional(), favicon: assetUrl.optional() }).default({}),
  layout: z
    .object({
      style: z.enum(['modern', 'classic', 'minimal']).default('modern'),
      sidebarPosition: z.enum(['left', 'right']).default('left'),
      headerStyle: z.enum(['floating', 'fixed', 'static']).default('floating'),
      // What a visitor sees before choosing light or dark themselves (their choice is kept per browser).
      colorMode: z.enum(['system', 'light', 'dark']).default('system'),
    })
    .default({ style: 'modern', sidebarPosition: 'left', headerStyle: 'floating', colorMode: 'system' }),
});

export type ThemeSettings = z.infer<typeof themeSettingsSchema>;

export function resolveTheme(stored: unknown): ThemeSettings {
  const parsed = themeSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : themeSettingsSchema.parse({});
}
