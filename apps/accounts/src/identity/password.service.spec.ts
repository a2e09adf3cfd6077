import { PasswordService } from './password.service.js';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  it('accepts the right password and rejects a wrong one', async () => {
    const hash = await passwords.hash('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('correct horse battery');
    await expect(passwords.verify('correct horse battery', hash)).resolves.toBe(true);
    await expect(passwords.verify('correct horse batterY', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await passwords.hash('same password')).not.toBe(await passwords.hash('same password'));
  });

  it('rejects a stored value it does not understand', async () => {
    await expect(passwords.verify('x', 'plain-text')).resolves.toBe(false);
  });
});
