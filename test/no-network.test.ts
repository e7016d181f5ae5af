import { describe, expect, it } from 'vitest';

describe('the test environment', () => {
  it('refuses requests that would leave the machine', async () => {
    await expect(fetch('https://discord.com/api/v10/gateway')).rejects.toThrow();
    await expect(fetch('https://api.openai.com/v1/models')).rejects.toThrow();
  });
});
